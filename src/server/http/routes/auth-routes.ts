import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../../domain/auth-messages';
import type { Clock } from '../../auth/actor';
import { verifyPassword } from '../../auth/passwords';
import { hashToken, newToken } from '../../auth/tokens';
import type { Database } from '../../store/database';
import { findAgentByEmail } from '../../store/agents-repo';
import { deleteSession, findUsableDevice, insertDevice, insertSession } from '../../store/sessions-repo';
import { actorOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

export interface AuthRoutesOptions {
  db: Database;
  clock: Clock;
  sessionDays: number;
}

const WRONG_CREDENTIALS = new HttpError(401, 'invalid_credentials', 'Adresse électronique ou mot de passe incorrect');

/**
 * POST /api/auth/login: checks the password and registers the device the
 * agent logs in from (or resumes it, when the browser names a device of the
 * same agent); the answer carries the device id, its last applied mutation
 * number and a session token.
 * The error never tells whether the account exists.
 */
export function registerAuthRoutes(app: FastifyInstance, options: AuthRoutesOptions): void {
  app.post('/api/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseBody(loginRequestSchema, request.body);
    const agent = await findAgentByEmail(options.db, body.email);
    const passwordOk = await verifyPassword(agent?.active ? agent.passwordHash : null, body.password);
    if (!agent || !passwordOk) throw WRONG_CREDENTIALS;

    const now = options.clock();
    const expiresAt = new Date(now.getTime() + options.sessionDays * 86_400_000);
    const token = newToken();
    const device = await options.db.transaction(async (tx) => {
      const known = body.deviceId ? await findUsableDevice(tx, body.deviceId, agent.id) : undefined;
      const registered = known ?? { id: crypto.randomUUID(), lastSeq: 0 };
      if (!known) await insertDevice(tx, { id: registered.id, agentId: agent.id, name: body.deviceName, now });
      await insertSession(tx, {
        tokenHash: hashToken(token),
        deviceId: registered.id,
        agentId: agent.id,
        now,
        expiresAt,
      });
      return registered;
    });
    const { passwordHash: _hash, active: _active, ...publicAgent } = agent;
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      deviceId: device.id,
      lastSeq: device.lastSeq,
      agent: publicAgent,
    };
  });

  /** POST /api/auth/logout: ends this session (the device stays registered). */
  app.post('/api/auth/logout', async (request, reply) => {
    actorOf(request);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    await deleteSession(options.db, hashToken(token));
    return reply.status(204).send();
  });
}
