import type { FastifyInstance } from 'fastify';
import { loginResponseSchema } from '../../../src/domain/auth-messages';
import { RaccrocheDatabase } from '../../../src/app/db/database';
import { storeLogin } from '../../../src/app/db/device-session';
import { readMeta } from '../../../src/app/db/meta';
import { createApiClient, type ApiClient } from '../../../src/app/sync/api-client';
import { synchronise, type SyncOutcome } from '../../../src/app/sync/sync-engine';

/** What the simulated network does with the next requests. */
export type NetworkMode = 'up' | 'down' | 'lose-responses';

/**
 * A device as the app runs it — its own IndexedDB (fake-indexeddb), the app's
 * sync code — talking to a real endpoint through `app.inject()`, with a
 * network that can be cut or lose responses after the endpoint has acted.
 */
export class SimulatedDevice {
  network: NetworkMode = 'up';
  readonly api: ApiClient;
  private token: string | undefined;

  private constructor(
    private readonly app: FastifyInstance,
    readonly db: RaccrocheDatabase,
  ) {
    this.api = createApiClient({ token: () => this.token, fetch: (input, init) => this.fetch(String(input), init) });
  }

  static async login(app: FastifyInstance, email: string, password: string): Promise<SimulatedDevice> {
    const device = new SimulatedDevice(app, new RaccrocheDatabase(`device-${crypto.randomUUID()}`));
    const login = await device.api.post(
      '/api/auth/login',
      { email, password, deviceName: 'Simulée' },
      loginResponseSchema,
    );
    await storeLogin(device.db, login);
    device.token = login.token;
    return device;
  }

  get agentId(): Promise<string | undefined> {
    return readMeta(this.db, 'device').then((device) => device?.agentId);
  }

  sync(): Promise<SyncOutcome> {
    return synchronise(this.db, this.api);
  }

  async close(): Promise<void> {
    await this.db.delete();
  }

  private async fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    if (this.network === 'down') throw new TypeError('Failed to fetch');
    const response = await this.app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url,
      headers: init?.headers as Record<string, string>,
      payload: init?.body as string | undefined,
    });
    if (this.network === 'lose-responses') throw new TypeError('Failed to fetch');
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
    });
  }
}
