import { randomUUID } from 'node:crypto';
import {
  agentPlatformIssue,
  type AdminAgent,
  type AgentCreate,
  type AgentPatch,
  type AgentPatchResponse,
} from '../../domain/admin-messages';
import type { Role } from '../../domain/enums';
import { checkAccountChange, checkAccountCreation, type AccountAuthority } from '../auth/account-authority';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { HttpError } from '../http/http-error';
import { findAdminAgent, listLiveDevices, lockAgent, updateAgent } from '../store/admin-repo';
import { findAgentByEmail, findPlatform, insertAgent } from '../store/agents-repo';
import { recordAuditEvent } from '../store/audit-repo';
import { countCasesHeldBy } from '../store/case-tutors-repo';
import type { Database, SqlExecutor } from '../store/database';
import { revokeDevice } from '../store/devices-repo';
import { endDeviceSessions } from '../store/sessions-repo';

/**
 * Accounts created and changed by the académie's admin (any account) or a
 * platform's coordinator (their advisers): one code path, the authority
 * deciding what each may do (see account-authority.ts).
 */

const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid_request', 'Requête invalide', [{ path, message }]);

async function checkPlatformExists(db: SqlExecutor, platformId: string | null): Promise<void> {
  if (platformId && !(await findPlatform(db, platformId))) throw invalidField('platformId', 'Plateforme inconnue');
}

/**
 * A new account with a temporary password (never stored or logged in clear,
 * never in the trail), which its owner must change at their first login:
 * whoever created it knows it.
 */
export async function createAgentAccount(
  db: Database,
  actor: Actor,
  authority: AccountAuthority,
  request: AgentCreate,
  now: Date,
): Promise<AdminAgent> {
  const { temporaryPassword, ...account } = request;
  checkAccountCreation(authority, account);
  await checkPlatformExists(db, account.platformId);
  if (await findAgentByEmail(db, account.email)) {
    throw new HttpError(409, 'email_taken', 'Un compte existe déjà avec cette adresse électronique');
  }
  const id = randomUUID();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    await insertAgent(tx, { id, ...account, passwordHash, mustChangePassword: true });
    await recordAuditEvent(tx, {
      at: now,
      action: 'agent_created',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: account.platformId,
      details: { agentId: id, ...account },
    });
  });
  return (await findAdminAgent(db, id))!;
}

/** What a role sees: the whole platform, its own cases, or no case at all. */
function scopeKind(role: Role): 'platform' | 'own cases' | 'none' {
  if (role === 'coordinateur') return 'platform';
  return role === 'admin' ? 'none' : 'own cases';
}

/** Cuts off every device of an agent, as POST /api/devices/:id/revoke does, each in the audit trail. */
async function revokeDevicesOf(tx: SqlExecutor, actor: Actor, agent: AdminAgent, why: string, now: Date) {
  const deviceIds = await listLiveDevices(tx, agent.id);
  for (const deviceId of deviceIds) {
    await revokeDevice(tx, deviceId, now);
    await endDeviceSessions(tx, deviceId, now, 'device_revoked');
    await recordAuditEvent(tx, {
      at: now,
      action: 'device_revoked',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: agent.platformId,
      details: { revokedDeviceId: deviceId, ownerId: agent.id, why },
    });
  }
  return deviceIds.length;
}

/** The fields a patch changes, before and after, for the audit trail. */
function changedFields(before: AdminAgent, patch: AgentPatch): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(patch) as [keyof AgentPatch, unknown][]) {
    if (before[field] !== value) changes[field] = { from: before[field], to: value };
  }
  return changes;
}

/**
 * Changes an account, in one transaction.
 * 1. The account must be within the authority's reach (a coordinator: an
 *    adviser of their platform, kept there with an adviser's role).
 * 2. The account as it would become must respect the platform rule, and an
 *    admin may not deactivate or demote themselves (the académie would lose
 *    its way in).
 * 3. Moving an agent to another platform, or making them admin, is refused
 *    while they still hold cases (as referent or tutor): the cases are
 *    reassigned first, so none is left with nobody.
 * 4. A deactivation, or a change of what the agent sees (another platform,
 *    coordinator ↔ case worker ↔ admin), cuts off their devices: they wipe
 *    the cases they hold at their next contact (a deactivated agent's
 *    tablet keeps no copy of the cases), and a device's data and cursor
 *    belong to the old scope anyway (a pull would neither evict what the
 *    agent no longer sees nor bring back what the cursor has passed). The
 *    agent, reactivated or moved, logs in again and pulls the new scope.
 * 5. Written with its audit event.
 */
export async function patchAgentAccount(
  db: Database,
  actor: Actor,
  authority: AccountAuthority,
  id: string,
  patch: AgentPatch,
  now: Date,
): Promise<AgentPatchResponse> {
  return db.transaction(async (tx) => {
    await lockAgent(tx, id);
    const before = await findAdminAgent(tx, id);
    if (!before) throw new HttpError(404, 'not_found', 'Compte introuvable');
    checkAccountChange(authority, before, patch); // step 1
    const after = { ...before, ...patch };
    const platformIssue = agentPlatformIssue(after); // step 2
    if (platformIssue) throw invalidField('platformId', platformIssue);
    await checkPlatformExists(tx, after.platformId);
    if (id === actor.agentId && (!after.active || after.role !== 'admin')) {
      throw new HttpError(
        409,
        'own_account',
        'Vous ne pouvez ni désactiver votre propre compte ni lui retirer le rôle d’administrateur',
      );
    }
    const movesPlatform = after.platformId !== before.platformId;
    const scopeChanges = movesPlatform || scopeKind(after.role) !== scopeKind(before.role);
    if (movesPlatform || (after.role === 'admin' && before.role !== 'admin')) {
      const held = await countCasesHeldBy(tx, id); // step 3
      if (held > 0) {
        throw new HttpError(
          409,
          'agent_has_cases',
          `Cet agent suit encore ${held} dossier(s) : faites-les réattribuer avant de changer sa plateforme ou son rôle`,
        );
      }
    }
    const deactivated = before.active && !after.active;
    const why = deactivated ? 'account deactivated' : 'role or platform changed';
    const revokedDevices = deactivated || scopeChanges ? await revokeDevicesOf(tx, actor, before, why, now) : 0; // step 4
    await updateAgent(tx, id, after);
    await recordAuditEvent(tx, {
      at: now,
      action: 'agent_updated',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: after.platformId ?? before.platformId,
      details: { agentId: id, email: before.email, changes: changedFields(before, patch), revokedDevices },
    }); // step 5
    return { agent: (await findAdminAgent(tx, id))!, revokedDevices };
  });
}
