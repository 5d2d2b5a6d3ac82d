import Dexie, { type Table } from 'dexie';
import type { AuditEventsRequest } from '../../domain/audit-messages';
import type { Agent } from '../../domain/auth-messages';
import type { Bilan } from '../../domain/bilan';
import type { ContactAttempt, Meeting, StatusChange } from '../../domain/case-records';
import type { Conflict } from '../../domain/conflict';
import type { Contract } from '../../domain/contract';
import type { DirectoryResponse } from '../../domain/directory';
import type { Proposal } from '../../domain/proposal';
import type { Solution } from '../../domain/solution';
import type { EntityName, FieldIssue } from '../../domain/sync-messages';
import type { CaseEvent } from '../../domain/workflow';
import type { YoungPerson } from '../../domain/young-person';
import { caseloadSnapshotMiddleware } from './caseload-snapshot-middleware';
import { encryptionMiddleware, type EncryptionState } from './crypto/encryption-middleware';
import type { WrappedKey } from './crypto/key-wrapping';

/** What the device knows of a record's server copy. */
export interface SyncMeta {
  /** Version of the server copy this record is based on; 0 while only on this device. */
  serverVersion: number;
  /** Server time of the last change received (the device clock is for display only). */
  serverUpdatedAt: string | null;
}

export type Local<T> = T & SyncMeta;
export type LocalYoungPerson = Local<YoungPerson>;

/**
 * A change waiting to reach the endpoint. Written in the same transaction as
 * the change to the record, so one never exists without the other.
 */
export interface OutboxEntry {
  /** This device's mutation number: 1, 2, 3… (the endpoint applies each once). */
  seq: number;
  mutationId: string;
  entity: EntityName;
  recordId: string;
  /** The young person whose case the record belongs to ('' for platform records). */
  caseId: string;
  op: 'create' | 'update' | 'delete';
  baseVersion: number;
  /** The whole record (create), the changed fields (update), nothing (delete). */
  payload: Record<string, unknown>;
  /** The case event this change stands for: the device re-applies it to the status until the endpoint has. */
  event?: CaseEvent;
  /** Device time, for display ("en attente depuis…"). */
  createdAt: string;
  state: 'pending' | 'rejected';
  reason?: string;
  issues?: FieldIssue[];
}

/** Text being typed in a form, saved at every keystroke so nothing is lost to a crash, a closed tab or an update. */
export interface Draft {
  key: string;
  value: Record<string, unknown>;
  savedAt: string;
}

/** The device registration; kept across logins of the same agent so its numbering goes on. */
export interface DeviceInfo {
  id: string;
  agentId: string;
  nextSeq: number;
  /**
   * Records with a change the endpoint refused, still in the outbox: their
   * next edit is the correction that takes it over (records.ts stageUpdate).
   * Read with the numbering at every edit, so that an edit of any other
   * record need not read the outbox (native-edit.ts). A superset: a record
   * stays listed after its refused change left the outbox another way, until
   * its next edit finds none. Absent: none.
   */
  refusedRecordIds?: string[];
}

export interface SessionInfo {
  /** The access token, sent on every call (short-lived). */
  token: string;
  /** Until when the session may be renewed: the app works offline until then. */
  expiresAt: string;
  /** Renews the access token once, when the endpoint answers token_expired (absent: sessions stored before tokens rotated). */
  refreshToken?: string;
  /** The refresh token's successor, drawn before a renewal and kept until its answer arrives (see renewSession). */
  nextRefreshToken?: string;
  agent: Agent;
}

/** An event this device reports to the audit trail (see POST /api/audit/events). */
export type DeviceAuditEvent = AuditEventsRequest['events'][number];

export interface MetaValues {
  device: DeviceInfo;
  session: SessionInfo;
  /** Opaque pull cursor from the endpoint. */
  cursor: string;
  /** Device time of the last sync that reached the endpoint and finished. */
  lastSyncAt: string;
  /** The platform and its agents, for names shown on screens. */
  directory: DirectoryResponse;
  /** Records to fetch again from the endpoint at the next sync (a refused change was discarded offline). */
  refresh: string[];
  /** The data key, wrapped by the PIN and by the password (see crypto/device-lock.ts); kept in clear. */
  keyring: Keyring;
  /** Exports of personal data made on this device, to report to the endpoint's audit trail at the next sync. */
  auditEvents: DeviceAuditEvent[];
}
export type MetaKey = keyof MetaValues;
export interface MetaEntry<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

/** Young people written by columns: each group's people have the same fields, in this order. */
export type PackedPeople = { fields: string[]; rows: unknown[][] }[];

/** What the caseload reads of some young people, kept together to be opened at once (see caseload-snapshot.ts); sealed as one record. */
export interface CaseloadBucket {
  id: number;
  people: PackedPeople;
}

/** Young people whose bucket is behind their own rows, written by one request (see caseload-snapshot-middleware.ts); ids only. */
export interface CaseloadDirtyMark {
  seq?: number;
  ids: string[];
}

export interface Keyring {
  /** 2: records sealed with ChaCha20-Poly1305; absent: with AES-GCM, by the first versions (sealed anew at unlock). */
  sealing?: 2;
  pin: WrappedKey | null;
  password: WrappedKey | null;
  /** Wrong PINs in a row (reset by a right one). */
  failedAttempts: number;
}

export class RaccrocheDatabase extends Dexie {
  /** Whether records are sealed, and the data key while unlocked (see crypto/encryption-middleware.ts). */
  readonly encryption: EncryptionState = { mode: 'off', key: null };
  youngPeople!: Table<LocalYoungPerson, string>;
  contactAttempts!: Table<Local<ContactAttempt>, string>;
  meetings!: Table<Local<Meeting>, string>;
  statusChanges!: Table<Local<StatusChange>, string>;
  bilans!: Table<Local<Bilan>, string>;
  proposals!: Table<Local<Proposal>, string>;
  contracts!: Table<Local<Contract>, string>;
  solutions!: Table<Local<Solution>, string>;
  conflicts!: Table<Local<Conflict>, string>;
  outbox!: Table<OutboxEntry, number>;
  drafts!: Table<Draft, string>;
  meta!: Table<MetaEntry, MetaKey>;
  caseloadBuckets!: Table<CaseloadBucket, number>;
  caseloadDirty!: Table<CaseloadDirtyMark, number>;

  constructor(name = 'raccroche') {
    // Dexie's cache of live queries is off. Each screen holds one live query per table (no
    // sharing to gain), writes need not show before their commit (a few ms later), and the
    // cache keeps a query's records — opened, personal — for 3 s after its last reader,
    // handing a new reader a copy: the bench then measured that copy, not a read (README).
    super(name, { cache: 'disabled' });
    // Released versions are never edited: a change of schema is a new version with its upgrade.
    this.version(1).stores({
      youngPeople: 'id, status, referentId, lastName',
      outbox: 'seq, recordId, state',
      meta: 'key',
    });
    this.version(2)
      .stores({
        outbox: 'seq, recordId, state, caseId',
        contactAttempts: 'id, youngPersonId, [youngPersonId+occurredAt]',
        meetings: 'id, youngPersonId',
        statusChanges: 'id, youngPersonId',
        bilans: 'id, youngPersonId',
        proposals: 'id, youngPersonId',
        contracts: 'id, youngPersonId',
        solutions: 'id, type',
        drafts: 'key',
      })
      .upgrade((tx) =>
        // Every mutation of version 1 was about a young person: its case is itself.
        tx
          .table('outbox')
          .toCollection()
          .modify((entry: OutboxEntry) => {
            entry.caseId = entry.recordId;
          }),
      );
    this.version(3).stores({ conflicts: 'id, youngPersonId, status' });
    // Names are sealed from now on: no index may hold them in clear.
    this.version(4).stores({ youngPeople: 'id, status, referentId' });
    // The caseload's snapshot: every young person already here is read from their own row until folded.
    this.version(5)
      .stores({ caseloadBuckets: 'id', caseloadDirty: '++seq' })
      .upgrade(async (tx) => {
        const ids = (await tx.table('youngPeople').toCollection().primaryKeys()) as string[];
        if (ids.length > 0) await tx.table('caseloadDirty').add({ ids });
      });
    // Records with a refused change are listed with the device's numbering (DeviceInfo.refusedRecordIds).
    this.version(6).upgrade(async (tx) => {
      const device = (await tx.table('meta').get('device')) as MetaEntry<'device'> | undefined;
      if (!device) return;
      if ((await tx.table('outbox').where('state').equals('rejected').count()) === 0) return;
      // The device may be locked (its entries sealed): their record ids come from the index, every record with
      // an entry listed — a superset, as allowed.
      const refusedRecordIds = (await tx.table('outbox').orderBy('recordId').uniqueKeys()) as string[];
      await tx.table('meta').put({ ...device, value: { ...device.value, refusedRecordIds } });
    });
    this.use(encryptionMiddleware(this.encryption));
    // Above Dexie's own change tracking (as every middleware added here): live queries see the dirty marks it writes.
    this.use(caseloadSnapshotMiddleware());
  }
}
