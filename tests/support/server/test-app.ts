import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { loginResponseSchema, type Agent } from '../../../src/domain/auth-messages';
import {
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type RecordChange,
} from '../../../src/domain/sync-messages';
import type { YoungPerson, YoungPersonChanges } from '../../../src/domain/young-person';
import type { Clock } from '../../../src/server/auth/actor';
import { buildApp, type AppOptions } from '../../../src/server/http/app';
import type { Database } from '../../../src/server/store/database';
import { AGENTS, FIXTURE_NOW, FIXTURE_PASSWORD, loadFixture, type AgentKey } from './fixture';
import type { Backend, OpenOptions, TestDatabase } from './test-databases';

export const SESSION_DAYS = 30;

/** The endpoint's clock, moved by the test. */
export interface TestClock {
  clock: Clock;
  set(date: Date): void;
  advance(ms: number): void;
}

export function createTestClock(start: Date = FIXTURE_NOW): TestClock {
  let now = start;
  return {
    clock: () => new Date(now.getTime()),
    set: (date) => {
      now = date;
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A logged-in device: its session (access and refresh tokens) and the number of its last mutation. */
export interface Device {
  token: string;
  refreshToken: string;
  deviceId: string;
  agent: Agent;
  lastSeq: number;
}

export function createMutation(seq: number, person: YoungPerson): Mutation {
  return { mutationId: randomUUID(), seq, entity: 'youngPerson', recordId: person.id, op: 'create', data: person };
}

export function updateMutation(
  seq: number,
  recordId: string,
  baseVersion: number,
  changes: Partial<YoungPersonChanges> | Record<string, unknown>,
): Mutation {
  return { mutationId: randomUUID(), seq, entity: 'youngPerson', recordId, op: 'update', baseVersion, changes };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * The endpoint on a fresh, migrated database of one backend, driven through
 * `app.inject()` (no network). Use `useTestApp(backend)` in a describe block:
 * the database is opened once for the block and the fixture reloaded before
 * each test, with the clock back at FIXTURE_NOW.
 */
export class TestApp {
  readonly time = createTestClock();
  /** One signing key for the life of the database, so tokens survive restartEndpoint(). */
  private readonly sessionSecret = randomBytes(32);
  private started: { app: FastifyInstance; database: TestDatabase } | undefined;
  /** Endpoints opened by anotherEndpoint(), closed by stop(). */
  private readonly others: FastifyInstance[] = [];

  constructor(
    private readonly backend: Backend,
    private readonly openOptions: OpenOptions = {},
  ) {}

  get app(): FastifyInstance {
    return this.ready().app;
  }

  get db(): Database {
    return this.ready().database.db;
  }

  private ready() {
    if (!this.started) throw new Error('TestApp used outside of a test (start() not called)');
    return this.started;
  }

  /** The endpoint's options; a throttled login's wait moves the test clock instead of the real one. */
  private appOptions(db: Database): AppOptions {
    return {
      db,
      clock: this.time.clock,
      sessionDays: SESSION_DAYS,
      sessionSecret: this.sessionSecret,
      sleep: async (ms) => this.time.advance(ms),
    };
  }

  /** An endpoint process, ready, on this database. */
  private async endpointOn(db: Database): Promise<FastifyInstance> {
    const app = await buildApp(this.appOptions(db));
    await app.ready();
    return app;
  }

  async start(): Promise<void> {
    const database = await this.backend.open(this.openOptions);
    try {
      const app = await this.endpointOn(database.db);
      this.started = { app, database };
    } catch (error) {
      await database.cleanup();
      throw error;
    }
  }

  async reset(): Promise<void> {
    this.time.set(FIXTURE_NOW);
    await loadFixture(this.db);
  }

  /** The endpoint process restarted on the same database: a new app, nothing kept in memory. */
  async restartEndpoint(): Promise<void> {
    const { app, database } = this.ready();
    await app.close();
    const restarted = await this.endpointOn(database.db);
    this.started = { app: restarted, database };
  }

  /**
   * A second endpoint process on the same database, sharing nothing in
   * memory with the first (what the database alone must keep in order when
   * several processes serve the same académie).
   */
  async anotherEndpoint(): Promise<FastifyInstance> {
    const other = await this.endpointOn(this.db);
    this.others.push(other);
    return other;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    const { app, database } = this.started;
    this.started = undefined;
    for (const other of this.others.splice(0)) await other.close();
    await app.close();
    await database.cleanup();
  }

  inject(options: InjectOptions): Promise<LightMyRequestResponse> {
    return this.app.inject(options);
  }

  /** Logs an agent of the fixture in on a new device. */
  async login(agent: AgentKey, deviceName = `Tablette de ${agent}`): Promise<Device> {
    const response = await this.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: AGENTS[agent].email, password: FIXTURE_PASSWORD, deviceName },
    });
    if (response.statusCode !== 200)
      throw new Error(`login of ${agent} failed: ${response.statusCode} ${response.body}`);
    const body = loginResponseSchema.parse(response.json());
    return {
      token: body.accessToken,
      refreshToken: body.refreshToken,
      deviceId: body.deviceId,
      agent: body.agent,
      lastSeq: 0,
    };
  }

  /** The next mutation of a device, numbered after its previous one. */
  nextCreate(device: Device, person: YoungPerson): Mutation {
    device.lastSeq += 1;
    return createMutation(device.lastSeq, person);
  }

  nextUpdate(device: Device, recordId: string, baseVersion: number, changes: Partial<YoungPersonChanges>): Mutation {
    device.lastSeq += 1;
    return updateMutation(device.lastSeq, recordId, baseVersion, changes);
  }

  push(
    device: Device,
    mutations: Mutation[],
    envelope: { protocolVersion?: number; deviceId?: string } = {},
    endpoint: FastifyInstance = this.app,
  ): Promise<LightMyRequestResponse> {
    return endpoint.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(device.token),
      payload: {
        protocolVersion: envelope.protocolVersion ?? PROTOCOL_VERSION,
        deviceId: envelope.deviceId ?? device.deviceId,
        mutations,
      },
    });
  }

  /** A push expected to be answered 200; returns its validated body. */
  async pushOk(device: Device, mutations: Mutation[], endpoint?: FastifyInstance): Promise<PushResponse> {
    const response = await this.push(device, mutations, {}, endpoint);
    if (response.statusCode !== 200) throw new Error(`push failed: ${response.statusCode} ${response.body}`);
    return pushResponseSchema.parse(response.json());
  }

  pull(device: Device, body: { cursor?: string | null; limit?: number; protocolVersion?: number } = {}) {
    return this.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: bearer(device.token),
      payload: {
        protocolVersion: body.protocolVersion ?? PROTOCOL_VERSION,
        cursor: body.cursor ?? null,
        limit: body.limit,
      },
    });
  }

  async pullOk(device: Device, body: { cursor?: string | null; limit?: number } = {}): Promise<PullResponse> {
    const response = await this.pull(device, body);
    if (response.statusCode !== 200) throw new Error(`pull failed: ${response.statusCode} ${response.body}`);
    return pullResponseSchema.parse(response.json());
  }

  /** Every change after `cursor`, page by page. */
  async pullAll(
    device: Device,
    cursor: string | null = null,
    limit = 500,
  ): Promise<{ changes: RecordChange[]; cursor: string }> {
    const changes: RecordChange[] = [];
    for (let page = 0; page < 1000; page++) {
      const response = await this.pullOk(device, { cursor, limit });
      changes.push(...response.changes);
      cursor = response.cursor;
      if (!response.hasMore) return { changes, cursor };
    }
    throw new Error('pullAll: the endpoint never stopped answering hasMore');
  }

  /** The stored record, straight from the database. */
  async storedRecord(id: string): Promise<{ version: number; data: Record<string, unknown> } | undefined> {
    const rows = await this.db.query<{ version: number; data: Record<string, unknown> }>(
      'SELECT version, data FROM records WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  /** Row counts of what a push or login writes. */
  async counts(): Promise<{
    records: number;
    mutations: number;
    devices: number;
    maxVersion: number;
    lastSeqs: number;
  }> {
    const rows = await this.db.query<{
      records: number;
      mutations: number;
      devices: number;
      maxVersion: number;
      lastSeqs: number;
    }>(
      `SELECT (SELECT count(*)::int FROM records) AS records,
              (SELECT count(*)::int FROM mutations) AS mutations,
              (SELECT count(*)::int FROM devices) AS devices,
              (SELECT coalesce(max(version), 0)::int FROM records) AS "maxVersion",
              (SELECT coalesce(sum(last_seq), 0)::int FROM devices) AS "lastSeqs"`,
    );
    return rows[0]!;
  }
}

/** Registers the hooks that start, reset and stop a TestApp for the enclosing describe block. */
export function useTestApp(backend: Backend, openOptions?: OpenOptions): TestApp {
  const harness = new TestApp(backend, openOptions);
  beforeAll(() => harness.start());
  beforeEach(() => harness.reset());
  afterAll(() => harness.stop());
  return harness;
}
