import type { RaccrocheDatabase } from './database';
import { readMeta } from './meta';

/*
 * The health of the device's storage: a full disk or an aborted transaction
 * during a save, and a database the browser wiped (eviction).
 *
 * Eviction is detected with a marker kept OUTSIDE IndexedDB, in localStorage:
 * "this browser held the data of agent X, last synced at T". At start, a
 * marker without a device in IndexedDB means IndexedDB was wiped under us.
 * Limits: localStorage is not a safe place either. It survives the cases
 * where a browser drops IndexedDB alone (Chrome evicting "best-effort"
 * storage under disk pressure, a corrupted or deleted database), but the
 * user's "clear site data" and Safari's 7-day rule for sites not installed on
 * the home screen remove it together with IndexedDB: then the app sees a new
 * browser, says nothing, and reloads everything at the first sync. Nothing
 * reliable survives those: the real protection is persistent storage and, on
 * Safari, installing the app (see the "Données sur cet appareil" screen).
 */

export type StorageFailureKind = 'quota' | 'aborted';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Whether a failed write is the storage's fault: the disk is full
 * ('quota'), or IndexedDB aborted the transaction ('aborted'). Dexie wraps
 * the browser's error (`inner`), and an abort often carries the quota error
 * that caused it, so the whole chain is looked at, quota first.
 */
export function storageFailureKind(error: unknown): StorageFailureKind | null {
  const names: unknown[] = [];
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    names.push((current as { name?: unknown }).name);
    current = (current as { inner?: unknown }).inner;
  }
  if (names.some((name) => typeof name === 'string' && QUOTA_NAMES.has(name))) return 'quota';
  if (names.includes('AbortError')) return 'aborted';
  return null;
}

/** "This browser held agent X's data", kept outside IndexedDB. */
export interface DeviceDataMarker {
  agentId: string;
  /** Device time of the last successful sync; null before the first one. */
  lastSyncAt: string | null;
}

/** What the user is told at their next login after a wipe. */
export interface EvictionNotice extends DeviceDataMarker {
  /** Device time at which the app found its database empty. */
  detectedAt: string;
}

export const DEVICE_DATA_KEY = 'raccroche:had-data';
export const EVICTION_NOTICE_KEY = 'raccroche:eviction';

/** The browser's localStorage, or undefined where it is missing or refused (private modes). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function readJson<T>(storage: Storage | undefined, key: string): T | null {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or refused localStorage: the marker is a safety net, not the data itself.
  }
}

/**
 * Notes that this browser holds the agent's data (at login and after each
 * successful sync). A null sync time never erases a known one of the same
 * agent (the screen reads it a moment after start).
 */
export function rememberDeviceData(storage: Storage | undefined, marker: DeviceDataMarker): void {
  const known = readJson<DeviceDataMarker>(storage, DEVICE_DATA_KEY);
  const lastSyncAt = marker.lastSyncAt ?? (known?.agentId === marker.agentId ? known.lastSyncAt : null);
  writeJson(storage, DEVICE_DATA_KEY, { agentId: marker.agentId, lastSyncAt });
}

/** The device's data is removed on purpose (not an eviction): forget the marker. */
export function forgetDeviceData(storage: Storage | undefined): void {
  storage?.removeItem(DEVICE_DATA_KEY);
}

/**
 * At start, before anyone logs in: was the database wiped by the browser?
 * 1. No marker: this browser never held synced data (or lost the marker
 *    with the data, see the limits above) — nothing to say.
 * 2. A device registered in IndexedDB: the data is there.
 * 3. A marker and no device: wiped. The notice is stored for the agent's
 *    next login (the normal first sync then reloads everything from the
 *    endpoint), and the marker removed so it is told once.
 */
export async function detectEviction(
  db: RaccrocheDatabase,
  storage: Storage | undefined,
  now = new Date(),
): Promise<EvictionNotice | null> {
  const marker = readJson<DeviceDataMarker>(storage, DEVICE_DATA_KEY);
  if (!marker?.agentId) return null; // step 1
  if (await readMeta(db, 'device')) return null; // step 2
  const notice: EvictionNotice = { ...marker, detectedAt: now.toISOString() }; // step 3
  writeJson(storage, EVICTION_NOTICE_KEY, notice);
  forgetDeviceData(storage);
  return notice;
}

/** The wipe notice waiting for this agent, if any. */
export function evictionNoticeFor(storage: Storage | undefined, agentId: string): EvictionNotice | null {
  const notice = readJson<EvictionNotice>(storage, EVICTION_NOTICE_KEY);
  return notice?.agentId === agentId ? notice : null;
}

/** The user has read the notice. */
export function dismissEvictionNotice(storage: Storage | undefined): void {
  storage?.removeItem(EVICTION_NOTICE_KEY);
}
