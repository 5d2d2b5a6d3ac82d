import type { FastifyInstance } from 'fastify';
import { loginResponseSchema } from '../../../src/domain/auth-messages';
import { RaccrocheDatabase } from '../../../src/app/db/database';
import { storeLogin } from '../../../src/app/db/device-session';
import { readMeta } from '../../../src/app/db/meta';
import { createApiClient, type ApiClient } from '../../../src/app/sync/api-client';
import { synchronise, type SyncOutcome } from '../../../src/app/sync/sync-engine';

/**
 * What the simulated network does with the next requests: deliver them, fail
 * before they leave, lose the response after the endpoint acted, deliver
 * each request twice, or deliver late (out of order) a copy of an earlier
 * push of this device before each request.
 */
export type NetworkMode = 'up' | 'down' | 'lose-responses' | 'duplicate' | 'late-copies';

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
    /** The endpoint as it runs now (it may be restarted under the devices). */
    private readonly endpoint: () => FastifyInstance,
    readonly db: RaccrocheDatabase,
  ) {
    this.api = createApiClient({ token: () => this.token, fetch: (input, init) => this.fetch(String(input), init) });
  }

  static async login(
    app: FastifyInstance | (() => FastifyInstance),
    email: string,
    password: string,
  ): Promise<SimulatedDevice> {
    const endpoint = typeof app === 'function' ? app : () => app;
    const device = new SimulatedDevice(endpoint, new RaccrocheDatabase(`device-${crypto.randomUUID()}`));
    const login = await device.api.post(
      '/api/auth/login',
      { email, password, deviceName: 'Simulée' },
      loginResponseSchema,
    );
    await storeLogin(device.db, login);
    device.token = login.accessToken;
    return device;
  }

  /** The tab killed and opened again: a new instance of the app on the same IndexedDB. */
  async restart(): Promise<SimulatedDevice> {
    const name = this.db.name;
    this.db.close();
    const reopened = new SimulatedDevice(this.endpoint, new RaccrocheDatabase(name));
    reopened.token = (await readMeta(reopened.db, 'session'))?.token;
    return reopened;
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

  /** Pushes already sent, that the network may deliver again, late. */
  private readonly sentPushes: string[] = [];

  private async fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    if (this.network === 'down') throw new TypeError('Failed to fetch');
    const inject = (payload: string | undefined) =>
      this.endpoint().inject({
        method: (init?.method ?? 'GET') as 'GET' | 'POST',
        url,
        headers: init?.headers as Record<string, string>,
        payload,
      });
    const send = () => inject(init?.body as string | undefined);
    if (this.network === 'duplicate') await send();
    if (this.network === 'late-copies' && url.endsWith('/push')) {
      for (const earlier of this.sentPushes) await inject(earlier);
    }
    if (url.endsWith('/push') && typeof init?.body === 'string') this.sentPushes.push(init.body);
    const response = await send();
    if (this.network === 'lose-responses') throw new TypeError('Failed to fetch');
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
    });
  }
}
