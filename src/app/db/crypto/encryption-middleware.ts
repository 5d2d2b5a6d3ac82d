import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { seal, unseal, type LegacyOpener } from './sealing';

/**
 * Encryption at rest, as a Dexie middleware: every personal field and free
 * text is sealed before it reaches IndexedDB and opened when read, so the
 * rest of the app reads and writes plain records and never sees the key.
 *
 * Only what indexes and the sync's bookkeeping need stays in clear: ids,
 * statuses, dates used by indexes, versions — never a name, a contact, a
 * note. The catalogue of solutions (no personal data) is not sealed.
 */
const CASE_RECORD = ['id', 'youngPersonId', 'serverVersion', 'serverUpdatedAt'] as const;
export const CLEAR_FIELDS: Readonly<Record<string, readonly string[]>> = {
  youngPeople: ['id', 'status', 'referentId', 'platformId', 'serverVersion', 'serverUpdatedAt'],
  contactAttempts: [...CASE_RECORD, 'occurredAt'],
  meetings: CASE_RECORD,
  statusChanges: CASE_RECORD,
  bilans: CASE_RECORD,
  proposals: CASE_RECORD,
  contracts: CASE_RECORD,
  conflicts: [...CASE_RECORD, 'status'],
  outbox: ['seq', 'mutationId', 'entity', 'recordId', 'caseId', 'op', 'baseVersion', 'createdAt', 'state'],
  drafts: ['key', 'savedAt'],
  caseloadBuckets: ['id'],
};
/** Meta entries holding personal data or secrets: the session (tokens, the user), the directory (colleagues' names). */
export const SEALED_META_KEYS: ReadonlySet<string> = new Set(['session', 'directory', 'auditEvents']);

/**
 * off: nothing sealed (a device before its PIN is set, and tests of other
 * concerns); locked: sealed content can be neither read nor written;
 * unlocked: the data key is in memory.
 */
export interface EncryptionState {
  mode: 'off' | 'locked' | 'unlocked';
  key: Uint8Array | null;
  /** While a device sealed by the first versions is sealed anew (device-lock.ts), how their contents open. */
  legacyOpen?: LegacyOpener | null;
}

export class DeviceLockedError extends Error {
  constructor() {
    super('Raccroche est verrouillé : saisissez votre code pour continuer');
  }
}

type Row = Record<string, unknown>;

function clearFieldsOf(table: string, row: Row): readonly string[] | null {
  if (table === 'meta') return SEALED_META_KEYS.has(String(row.key)) ? ['key'] : null;
  return CLEAR_FIELDS[table] ?? null;
}

/** A row as stored: its content sealed, what indexes and sync need kept in clear (as is where nothing is sealed). */
export function sealRow(state: EncryptionState, table: string, row: Row): Row {
  const clear = clearFieldsOf(table, row);
  if (!clear || state.mode === 'off') return row;
  if (state.mode === 'locked' || !state.key) throw new DeviceLockedError();
  const kept: Row = {};
  const content: Row = {};
  for (const [field, value] of Object.entries(row)) (clear.includes(field) ? kept : content)[field] = value;
  return { ...kept, sealed: seal(state.key, content) };
}

/** A stored row opened (as is where nothing was sealed). */
export function openRow(state: EncryptionState, row: unknown): unknown {
  if (!row || typeof row !== 'object' || !((row as Row).sealed instanceof Uint8Array)) return row;
  if (state.mode !== 'unlocked' || !state.key) throw new DeviceLockedError();
  const { sealed, ...kept } = row as Row & { sealed: Uint8Array };
  return { ...kept, ...unseal<Row>(state.key, sealed, state.legacyOpen ?? undefined) };
}

function openCursor(state: EncryptionState, cursor: DBCoreCursor): DBCoreCursor {
  return Object.create(cursor, {
    value: { get: () => openRow(state, cursor.value) },
  }) as DBCoreCursor;
}

function sealedTable(state: EncryptionState, name: string, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) =>
      req.type === 'add' || req.type === 'put'
        ? table.mutate({ ...req, values: req.values.map((value) => sealRow(state, name, value as Row)) })
        : table.mutate(req),
    get: (req) => table.get(req).then((row) => openRow(state, row)),
    getMany: (req) => table.getMany(req).then((rows) => rows.map((row) => openRow(state, row))),
    query: (req) =>
      table
        .query(req)
        .then((res) => (req.values ? { ...res, result: res.result.map((row) => openRow(state, row)) } : res)),
    openCursor: (req) =>
      table.openCursor(req).then((cursor) => (cursor && req.values !== false ? openCursor(state, cursor) : cursor)),
  };
}

export function encryptionMiddleware(state: EncryptionState): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'raccroche-encryption',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return name === 'meta' || name in CLEAR_FIELDS ? sealedTable(state, name, table) : table;
      },
    }),
  };
}
