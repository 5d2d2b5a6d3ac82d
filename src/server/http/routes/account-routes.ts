import type { FastifyInstance } from 'fastify';
import { passwordChangeRequestSchema } from '../../../domain/account-messages';
import { passwordPolicyProblems } from '../../../domain/password-policy';
import { sleepOf, type AuthOptions } from '../../auth/auth-options';
import { checkAgentPassword } from '../../auth/local-password';
import { accountKey, addressKey, admitAttempt } from '../../auth/login-throttle';
import { hashPassword } from '../../auth/passwords';
import { updatePasswordHash } from '../../store/account-repo';
import { recordAuditEvent } from '../../store/audit-repo';
import { findAgentById } from '../../store/agents-repo';
import { endOtherSessions } from '../../store/sessions-repo';
import { actorOf, sessionOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';
import { withRetryAfter } from './auth-routes';

const invalidPassword = (messages: string[]) =>
  new HttpError(
    400,
    'invalid_request',
    'Requête invalide',
    messages.map((message) => ({ path: 'newPassword', message })),
  );

/**
 * POST /api/account/password: the agent changes their password.
 *
 * 1. The new password against the policy (the account's e-mail included): 400
 *    with one issue per rule broken, before anything is checked or counted.
 * 2. The current password, throttled like a login (same keys: a thief of an
 *    open session cannot guess it faster than at the login screen): 401
 *    'invalid_current_password' when wrong — not a session problem, the
 *    session stays.
 * 3. The new hash, and every other session of the agent ended (a thief who
 *    logged in with the old password is out at their next call); this
 *    device's session goes on.
 */
export function registerAccountRoutes(app: FastifyInstance, options: AuthOptions): void {
  app.post('/api/account/password', async (request, reply) => {
    const actor = actorOf(request);
    const sessionId = sessionOf(request);
    const body = parseBody(passwordChangeRequestSchema, request.body);
    const agent = await findAgentById(options.db, actor.agentId);
    if (!agent) throw new HttpError(404, 'not_found', 'Compte introuvable');

    const problems = passwordPolicyProblems(body.newPassword, agent.email); // step 1
    if (body.newPassword === body.currentPassword) {
      problems.push('Le nouveau mot de passe doit être différent de l’actuel');
    }
    if (problems.length > 0) throw invalidPassword(problems);

    await withRetryAfter(reply, async () => {
      const keys = { account: accountKey(agent.email), address: addressKey(request.ip) }; // step 2
      const attempt = await admitAttempt(options.db, keys, options.clock, sleepOf(options));
      if (!(await checkAgentPassword(options.db, agent.id, body.currentPassword))) {
        await attempt.failed();
        throw new HttpError(401, 'invalid_current_password', 'Mot de passe actuel incorrect');
      }
      await attempt.succeeded();
    });

    const passwordHash = await hashPassword(body.newPassword); // step 3
    const now = options.clock();
    await options.db.transaction(async (tx) => {
      await updatePasswordHash(tx, agent.id, passwordHash);
      await endOtherSessions(tx, agent.id, sessionId, now, 'password_changed');
      await recordAuditEvent(tx, {
        at: now,
        action: 'password_changed',
        agentId: agent.id,
        deviceId: actor.deviceId,
        platformId: actor.platformId,
      });
    });
    return reply.status(204).send();
  });
}
