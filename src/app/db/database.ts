import Dexie, { type Table } from 'dexie';
import type { Agent } from '../../domain/auth-messages';
import type { EntityName, FieldIssue } from '../../domain/sync-messages';
import type { YoungPerson } from '../../domain/young-person';

/** A young person as kept on the device: the record plus what the device knows of its server copy. */
export interface LocalYoungPerson extends YoungPerson {
  /** Version of the server copy this record is based on; 0 while only on this device. */
  serverVersion: number;
  /** Server time of the last change received (the device clock is for display only). */
  serverUpdatedAt: string | null;
}

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
  op: 'create' | 'update';
  baseVersion: number;
  /** The whole record (create) or the changed fields (update). */
  payload: Record<string, unknown>;
  /** Device time, for display ("en attente depuis…"). */
  createdAt: string;
  state: 'pending' | 'rejected';
  reason?: string;
  issues?: FieldIssue[];
}

/** The device registration; kept across logins of the same agent so its numbering continues. */
export interface DeviceInfo {
  id: string;
  agentId: string;
  nextSeq: number;
}

export interface SessionInfo {
  token: string;
  expiresAt: string;
  agent: Agent;
}

export interface MetaValues {
  device: DeviceInfo;
  session: SessionInfo;
  /** Opaque pull cursor from the endpoint. */
  cursor: string;
  /** Device time of the last sync that reached the endpoint and finished. */
  lastSyncAt: string;
}
export type MetaKey = keyof MetaValues;
export interface MetaEntry<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

export class RaccrocheDatabase extends Dexie {
  youngPeople!: Table<LocalYoungPerson, string>;
  outbox!: Table<OutboxEntry, number>;
  meta!: Table<MetaEntry, MetaKey>;

  constructor(name = 'raccroche') {
    super(name);
    // Released versions are never edited: a change of schema is a new version with its upgrade.
    this.version(1).stores({
      youngPeople: 'id, status, referentId, lastName',
      outbox: 'seq, recordId, state',
      meta: 'key',
    });
  }
}
