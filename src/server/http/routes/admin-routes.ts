import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  agentCreateSchema,
  agentPatchSchema,
  agentPlatformIssue,
  platformCreateSchema,
  type AdminAgent,
  type AgentPatch,
  type AgentPatchResponse,
} from '../../../domain/admin-messages';
import type { Role } from '../../../domain/enums';
import type { Actor, Clock } from '../../auth/actor';
import { hashPassword } from '../../auth/passwords';
import {
  findAdminAgent,
  listAllAgents,
  listLiveDevices,
  listPlatforms,
  lockAgent,
  updateAgent,
} from '../../store/admin-repo';
import { findAgentByEmail, findPlatform, insertAgent, insertPlatform } from '../../store/agents-repo';
import { recordAuditEvent } from '../../store/audit-repo';
import { countCasesHeldBy } from '../../store/case-tutors-repo';
import type { Database, SqlExecutor } from '../../store/database';
import { revokeDevice } from '../../store/devices-repo';
import { endDeviceSessions } from '../../store/sessions-repo';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

const agentParams = z.object({ id: z.uuid({ error: 'Identifiant de compte invalide' }) });

/** The académie's administration is the admin's alone. */
export function requireAdmin(actor: Actor): Actor {
  if (actor.role !== 'admin') {
    throw new HttpError(403, 'forbidden', 'Réservé à l’administration académique');
  }
  return actor;
}

const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid_request', 'Requête invalide', [{ path, message }]);

async function checkPlatformExists(db: SqlExecutor, platformId: string | null): Promise<void> {
  if (platformId && !(await findPlatform(db, platformId))) throw invalidField('platformId', 'Plateforme inconnue');
}

/** What a role sees: the whole platform, its own cases, or no case at all. */
function scopeKind(role: Role): 'platform' | 'own cases' | 'none' {
  if (role === 'coordinateur') return 'platform';
  return role === 'admin' ? 'none' : 'own cases';
}

/** Cuts off every device of an agent, as POST /api/devices/:id/revoke does, each in the audit trail. */
async function revokeDevicesOf(tx: SqlExecutor, actor: Actor, agent: AdminAgent, now: Date): Promise<number> {
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
      details: { revokedDeviceId: deviceId, ownerId: agent.id, why: 'role or platform changed' },
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
 * 1. The account as it would become must respect the platform rule, and an
 *    admin may not deactivate or demote themselves (the académie would lose
 *    its way in).
 * 2. Moving an agent to another platform, or making them admin, is refused
 *    while they still hold cases (as referent or tutor): the cases are
 *    reassigned first, so none is left with nobody.
 * 3. A change of what the agent sees (another platform, coordinator ↔ case
 *    worker ↔ admin) cuts off their devices: a device's data and cursor
 *    belong to the old scope (a pull would neither evict what the agent no
 *    longer sees nor bring back what the cursor has passed), so the device
 *    wipes itself and the agent logs in again and pulls the new scope. A
 *    deactivated agent's sessions already stop working (authentication
 *    refuses inactive agents at every call).
 * 4. Written with its audit event.
 */
async function patchAgent(db: Database, actor: Actor, id: string, patch: AgentPatch, now: Date) {
  return db.transaction(async (tx): Promise<AgentPatchResponse> => {
    await lockAgent(tx, id);
    const before = await findAdminAgent(tx, id);
    if (!before) throw new HttpError(404, 'not_found', 'Compte introuvable');
    const after = { ...before, ...patch };
    const platformIssue = agentPlatformIssue(after); // step 1
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
      const held = await countCasesHeldBy(tx, id); // step 2
      if (held > 0) {
        throw new HttpError(
          409,
          'agent_has_cases',
          `Cet agent suit encore ${held} dossier(s) : faites-les réattribuer avant de changer sa plateforme ou son rôle`,
        );
      }
    }
    const revokedDevices = scopeChanges ? await revokeDevicesOf(tx, actor, before, now) : 0; // step 3
    await updateAgent(tx, id, after);
    await recordAuditEvent(tx, {
      at: now,
      action: 'agent_updated',
      agentId: actor.agentId,
      deviceId: actor.deviceId,
      platformId: after.platformId ?? before.platformId,
      details: { agentId: id, email: before.email, changes: changedFields(before, patch), revokedDevices },
    }); // step 4
    return { agent: (await findAdminAgent(tx, id))!, revokedDevices };
  });
}

/**
 * /api/admin: platforms and accounts, for the role admin only (which sees
 * no case content anywhere). Every change is in the audit trail.
 */
export function registerAdminRoutes(app: FastifyInstance, options: { db: Database; clock: Clock }): void {
  const { db } = options;

  app.get('/api/admin/platforms', async (request) => {
    requireAdmin(actorOf(request));
    return { platforms: await listPlatforms(db) };
  });

  /** A new platform, with its clock (versions of its records). */
  app.post('/api/admin/platforms', async (request, reply) => {
    const actor = requireAdmin(actorOf(request));
    const body = parseBody(platformCreateSchema, request.body);
    const platform = { id: randomUUID(), ...body };
    await db.transaction(async (tx) => {
      await insertPlatform(tx, platform);
      await recordAuditEvent(tx, {
        at: options.clock(),
        action: 'platform_created',
        agentId: actor.agentId,
        deviceId: actor.deviceId,
        platformId: platform.id,
        details: body,
      });
    });
    return reply.status(201).send({ platform: { ...platform, activeAgents: 0 } });
  });

  app.get('/api/admin/agents', async (request) => {
    requireAdmin(actorOf(request));
    return { agents: await listAllAgents(db) };
  });

  /** A new account with a temporary password (never stored or logged in clear, never in the trail). */
  app.post('/api/admin/agents', async (request, reply) => {
    const actor = requireAdmin(actorOf(request));
    const { temporaryPassword, ...account } = parseBody(agentCreateSchema, request.body);
    await checkPlatformExists(db, account.platformId);
    if (await findAgentByEmail(db, account.email)) {
      throw new HttpError(409, 'email_taken', 'Un compte existe déjà avec cette adresse électronique');
    }
    const id = randomUUID();
    const passwordHash = await hashPassword(temporaryPassword);
    await db.transaction(async (tx) => {
      await insertAgent(tx, { id, ...account, passwordHash });
      await recordAuditEvent(tx, {
        at: options.clock(),
        action: 'agent_created',
        agentId: actor.agentId,
        deviceId: actor.deviceId,
        platformId: account.platformId,
        details: { agentId: id, ...account },
      });
    });
    return reply.status(201).send({ agent: await findAdminAgent(db, id) });
  });

  app.patch('/api/admin/agents/:id', async (request) => {
    const actor = requireAdmin(actorOf(request));
    const { id } = parseBody(agentParams, request.params);
    const patch = parseBody(agentPatchSchema, request.body);
    return patchAgent(db, actor, id, patch, options.clock());
  });
}
