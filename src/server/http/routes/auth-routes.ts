import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  loginRequestSchema,
  refreshRequestSchema,
  type LoginResponse,
  type RefreshResponse,
} from '../../../domain/auth-messages';
import { sessionSettings, sleepOf, type AuthOptions } from '../../auth/auth-options';
import { openDeviceSession, renewDeviceSession } from '../../auth/device-sessions';
import { authenticateWithPassword } from '../../auth/local-password';
import { accountKey, addressKey, admitAttempt, TooManyAttempts } from '../../auth/login-throttle';
import { endSession } from '../../store/sessions-repo';
import { sessionOf } from '../authenticate';
import { parseBody } from '../errors';
import { HttpError } from '../http-error';

const WRONG_CREDENTIALS = () =>
  new HttpError(401, 'invalid_credentials', 'Adresse électronique ou mot de passe incorrect');

/** A throttled attempt's 429 tells when to come back. */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TooManyAttempts) reply.header('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}

/**
 * POST /api/auth/login: the password authenticator, throttled per e-mail and
 * per address, then a device session (device registered or resumed, a pair
 * of tokens). The error never tells whether the account exists: same body,
 * same status, same path (throttle, one argon2 verification).
 * POST /api/auth/refresh: a new pair for a refresh token, used once (the
 *   same renewal sent again after a lost answer is answered again).
 * POST /api/auth/logout: ends this session (the device stays registered).
 */
export function registerAuthRoutes(app: FastifyInstance, options: AuthOptions): void {
  const settings = sessionSettings(options);

  app.post('/api/auth/login', async (request, reply): Promise<LoginResponse> => {
    const body = parseBody(loginRequestSchema, request.body);
    const agent = await withRetryAfter(reply, async () => {
      const keys = { account: accountKey(body.email), address: addressKey(request.ip) };
      const attempt = await admitAttempt(options.db, keys, options.clock, sleepOf(options));
      const found = await authenticateWithPassword(options.db, body.email, body.password);
      if (!found) {
        await attempt.failed();
        throw WRONG_CREDENTIALS();
      }
      await attempt.succeeded();
      return found;
    });

    const opened = await openDeviceSession(
      options.db,
      settings,
      { agentId: agent.id, deviceName: body.deviceName, deviceId: body.deviceId },
      options.clock(),
    );
    const { passwordHash: _hash, active: _active, ...publicAgent } = agent;
    return { ...opened.tokens, deviceId: opened.deviceId, lastSeq: opened.lastSeq, agent: publicAgent };
  });

  app.post('/api/auth/refresh', async (request): Promise<RefreshResponse> => {
    return renewDeviceSession(options.db, settings, parseBody(refreshRequestSchema, request.body), options.clock());
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await endSession(options.db, sessionOf(request), options.clock(), 'logout');
    return reply.status(204).send();
  });
}
