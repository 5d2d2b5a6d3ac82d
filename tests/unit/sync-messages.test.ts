import { describe, expect, it } from 'vitest';
import {
  MAX_PULL_LIMIT,
  MAX_PUSH_BATCH,
  PROTOCOL_VERSION,
  pullRequestSchema,
  pushRequestSchema,
  toFieldIssues,
  type Mutation,
} from '../../src/domain/sync-messages';

const DEVICE = '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01';
const RECORD = '5b6c7d8e-2f3a-4b5c-8d9e-000000000001';
const update = (overrides: Record<string, unknown> = {}) => ({
  mutationId: '9c8b7a6d-5e4f-4a3b-8c2d-000000000001',
  seq: 1,
  entity: 'youngPerson',
  recordId: RECORD,
  op: 'update',
  baseVersion: 3,
  changes: { phone: '06 39 98 00 01' },
  ...overrides,
});
const push = (mutations: unknown[], overrides: Record<string, unknown> = {}) => ({
  protocolVersion: PROTOCOL_VERSION,
  deviceId: DEVICE,
  mutations,
  ...overrides,
});

function issuePaths(value: unknown): string[] {
  const result = pushRequestSchema.safeParse(value);
  return result.success ? [] : toFieldIssues(result.error).map((issue) => issue.path);
}

describe('pushRequestSchema', () => {
  it('accepts creations and updates', () => {
    const create = {
      ...update({ op: 'create', seq: 2, mutationId: '9c8b7a6d-5e4f-4a3b-8c2d-000000000002' }),
      data: { lastName: 'x' },
    };
    const { baseVersion: _b, changes: _c, ...createOnly } = create;
    const parsed = pushRequestSchema.parse(push([update(), createOnly]));
    expect(parsed.mutations.map((mutation: Mutation) => mutation.op)).toEqual(['update', 'create']);
  });

  it.each([0, -1, 1.5, '1', null])('rejects the sequence number %j', (seq) => {
    expect(issuePaths(push([update({ seq })]))).toEqual(['mutations.0.seq']);
  });

  it('rejects a negative base version', () => {
    expect(issuePaths(push([update({ baseVersion: -1 })]))).toEqual(['mutations.0.baseVersion']);
  });

  it.each(['mutationId', 'recordId', 'seq', 'entity', 'changes'])('rejects a mutation without %s', (field) => {
    const mutation: Record<string, unknown> = update();
    delete mutation[field];
    expect(issuePaths(push([mutation]))).toEqual([`mutations.0.${field}`]);
  });

  it('rejects an unknown operation or entity, naming it in French', () => {
    expect(issuePaths(push([update({ op: 'rename' })]))).toEqual(['mutations.0.op']);
    const entity = pushRequestSchema.safeParse(push([update({ entity: 'note' })]));
    expect(toFieldIssues(entity.error!)).toEqual([{ path: 'mutations.0.entity', message: 'Type de fiche inconnu' }]);
  });

  it('rejects a missing device, an invalid id, and says so in French', () => {
    const result = pushRequestSchema.safeParse({
      protocolVersion: PROTOCOL_VERSION,
      mutations: [update({ recordId: 'abc' })],
    });
    expect(toFieldIssues(result.error!)).toEqual([
      { path: 'deviceId', message: 'Identifiant invalide' },
      { path: 'mutations.0.recordId', message: 'Identifiant invalide' },
    ]);
  });

  it('rejects an empty batch and one above the maximum', () => {
    expect(issuePaths(push([]))).toEqual(['mutations']);
    const many = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => update({ seq: i + 1 }));
    expect(issuePaths(push(many))).toEqual(['mutations']);
    expect(issuePaths(push(many.slice(0, MAX_PUSH_BATCH)))).toEqual([]);
  });

  it('requires the protocol version', () => {
    expect(issuePaths(push([update()], { protocolVersion: undefined }))).toEqual(['protocolVersion']);
  });
});

describe('pullRequestSchema', () => {
  it('defaults the page size and accepts a null cursor', () => {
    expect(pullRequestSchema.parse({ protocolVersion: PROTOCOL_VERSION, cursor: null })).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      cursor: null,
      limit: 500,
    });
  });

  it('bounds the page size and requires the cursor field', () => {
    expect(pullRequestSchema.safeParse({ protocolVersion: 1, cursor: null, limit: MAX_PULL_LIMIT }).success).toBe(true);
    expect(pullRequestSchema.safeParse({ protocolVersion: 1, cursor: null, limit: MAX_PULL_LIMIT + 1 }).success).toBe(
      false,
    );
    expect(pullRequestSchema.safeParse({ protocolVersion: 1, cursor: null, limit: 0 }).success).toBe(false);
    expect(pullRequestSchema.safeParse({ protocolVersion: 1 }).success).toBe(false);
  });
});
