import type { SqlExecutor } from '../store/database';
import { findAgentByEmail, findAgentById, type AgentRow } from '../store/agents-repo';
import { verifyPassword } from './passwords';

/**
 * The local-password authenticator: one way in among possible others. It
 * only answers "which agent is this?"; opening the device session is
 * device-sessions.ts's job, the same whichever authenticator vouched for the
 * agent (see there how OpenID Connect would come in).
 *
 * An unknown e-mail, a deactivated account and a wrong password all cost one
 * argon2 verification and give the same `undefined`.
 */
export async function authenticateWithPassword(
  db: SqlExecutor,
  email: string,
  password: string,
): Promise<AgentRow | undefined> {
  const agent = await findAgentByEmail(db, email);
  const passwordOk = await verifyPassword(agent?.active ? agent.passwordHash : null, password);
  return agent && passwordOk ? agent : undefined;
}

/** The password of a logged-in agent, checked again (before changing it). */
export async function checkAgentPassword(
  db: SqlExecutor,
  agentId: string,
  password: string,
): Promise<AgentRow | undefined> {
  const agent = await findAgentById(db, agentId);
  const passwordOk = await verifyPassword(agent?.active ? agent.passwordHash : null, password);
  return agent && passwordOk ? agent : undefined;
}
