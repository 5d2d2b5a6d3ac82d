import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { agentCreateSchema, agentPatchSchema, platformCreateSchema } from '../../../domain/admin-messages';
import { createAgentAccount, patchAgentAccount } from '../../accounts/agent-accounts';
import { accountAuthority, accountListScope } from '../../auth/account-authority';
import type { Actor, Clock } from '../../auth/actor';
import { listAgents, listPlatforms } from '../../store/admin-repo';
import { insertPlatform } from '../../store/agents-repo';
import { recordAuditEvent } from '../../store/audit-repo';
import type { Database } from '../../store/database';
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

/**
 * /api/admin: platforms, for the role admin only (which sees no case content
 * anywhere); accounts, for the admin and — their own advisers only — for a
 * platform's coordinator (see account-authority.ts). Every change is in the
 * audit trail.
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

  /** Every account for the admin; the platform's accounts for a coordinator. */
  app.get('/api/admin/agents', async (request) => {
    const authority = accountAuthority(actorOf(request));
    return { agents: await listAgents(db, accountListScope(authority)) };
  });

  /** A new account with a temporary password, to change at its first login (see createAgentAccount). */
  app.post('/api/admin/agents', async (request, reply) => {
    const actor = actorOf(request);
    const authority = accountAuthority(actor);
    const body = parseBody(agentCreateSchema, request.body);
    const agent = await createAgentAccount(db, actor, authority, body, options.clock());
    return reply.status(201).send({ agent });
  });

  app.patch('/api/admin/agents/:id', async (request) => {
    const actor = actorOf(request);
    const authority = accountAuthority(actor);
    const { id } = parseBody(agentParams, request.params);
    const patch = parseBody(agentPatchSchema, request.body);
    return patchAgentAccount(db, actor, authority, id, patch, options.clock());
  });
}
