import { foldCaseloadChanges } from '../../src/app/db/caseload-snapshot';
import { lockDevice, protectDevice, unlockWithPin } from '../../src/app/db/crypto/device-lock';
import { RaccrocheDatabase, type LocalYoungPerson } from '../../src/app/db/database';
import { appDb } from '../../src/app/db/instance';
import '../../src/app/styles';
import {
  appApplyPage,
  appEdits,
  appOpenCase,
  clearOutbox,
  encryptionOff,
  fillAppDb,
  readForEdit,
  resetAppDb,
  unlockWithNewKey,
} from './app-side';
import {
  EDITS,
  PAGE_SIZE,
  PIN,
  QUERIES,
  RAW_APP_EDIT,
  type BenchPageApi,
  type DeviceOp,
  type RoundTimes,
} from './protocol';
import {
  openRaw,
  rawAppEdit,
  rawApplyPage,
  rawEdit,
  rawReadCase,
  rawReadCaseload,
  rawRegisterDevice,
  rawScanPeople,
} from './raw-idb';
import { openRx, rxApplyPage, rxEdit, rxFill, rxReadCase, rxReadCaseload, rxSearch, type RxPeer } from './rx-peer';
import {
  loadCaseloadStore,
  mountCaseload,
  settle,
  typeInScreen,
  type CaseloadStore,
  type MountedCaseload,
} from './screens';
import { ADVISER_ID, generateWorkload, pages, type Workload } from './workload';

/**
 * The device side of `npm run bench`, in Chromium. Four databases hold the
 * same data: the app's (appDb, encrypted, as users run it; the caseload
 * store reads it), the app's with encryption off, raw IndexedDB and RxDB.
 * Each round runs one operation on each, one after the other, so that every
 * ratio compares figures taken moments apart.
 */
const APP = 'app (encrypted)';
const PLAIN = 'app, encryption off';
const RAW = 'raw IndexedDB';
const RX = 'RxDB (Dexie storage)';

let workload: Workload;
let plainDb: RaccrocheDatabase;
let raw: IDBDatabase;
let rx: RxPeer;
let unlockCases = 0;
let changedPages: Workload['changes'][] = [];
let screen: MountedCaseload | undefined;
let searchStore: CaseloadStore | undefined;

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** The changes of the first `count` people (their records follow each person in the workload). */
function casesOf(count: number) {
  const ids = new Set(workload.people.slice(0, count).map((person) => person.id));
  return workload.changes.filter((change) =>
    ids.has(change.entity === 'youngPerson' ? change.id : String(change.data?.youngPersonId)),
  );
}

async function fillMainAppDb(): Promise<void> {
  await unlockWithNewKey(appDb);
  await resetAppDb(appDb);
  await fillAppDb(appDb, workload.changes);
}

async function applyAll(apply: (changes: Workload['changes'], cursor: string) => Promise<void>) {
  for (const [index, page] of changedPages.entries()) await apply(page, `c${index}`);
}

/** A pause for what the last variant left running (IndexedDB requests in flight, timers) to end. */
const QUIET_MS = 100;

/**
 * Runs a round's variants in an order that turns with the rounds, each
 * after a pause, so that none pays for the one before it. Why: small serial
 * transactions feel what the variant before them left running — RxDB
 * finishes its writes' work after they resolve — and in a fixed order the
 * variant after RxDB always paid for it.
 */
async function inTurn(round: number, variants: [string, () => Promise<unknown>][]): Promise<RoundTimes> {
  const times: RoundTimes = Object.fromEntries(variants.map(([name]) => [name, 0])); // rows in the order given
  for (let index = 0; index < variants.length; index += 1) {
    const [name, work] = variants[(round + index) % variants.length]!;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    times[name] = await timed(work);
  }
  return times;
}

async function editRound(round: number): Promise<RoundTimes> {
  const ids = workload.people.slice(1 + ((round * EDITS) % 500), 1 + ((round * EDITS) % 500) + EDITS).map((p) => p.id);
  const phone = (n: number) => `06 39 98 ${String(round % 100).padStart(2, '0')} ${String(n).padStart(2, '0')}`;
  // What the edit form holds, read before the user types (not measured).
  const forms = new Map<RaccrocheDatabase, LocalYoungPerson[]>();
  for (const db of [appDb, plainDb]) {
    await clearOutbox(db);
    forms.set(db, await readForEdit(db, ids));
  }
  return inTurn(round, [
    [APP, () => appEdits(appDb, forms.get(appDb)!, phone)],
    [PLAIN, () => appEdits(plainDb, forms.get(plainDb)!, phone)],
    [
      RAW,
      async () => {
        for (const [n, id] of ids.entries()) await rawEdit(raw, id, round * EDITS + n + 1, phone(n));
      },
    ],
    [
      RAW_APP_EDIT,
      async () => {
        for (const [n, id] of ids.entries()) await rawAppEdit(raw, id, phone(n));
      },
    ],
    [
      RX,
      async () => {
        for (const [n, id] of ids.entries()) await rxEdit(rx, id, phone(n));
      },
    ],
  ]);
}

async function searchRound(): Promise<RoundTimes> {
  const store: number[] = [];
  const onScreen: number[] = [];
  const peer: number[] = [];
  for (const query of QUERIES) {
    for (let length = 1; length <= query.length; length += 1) {
      const typed = query.slice(0, length);
      store.push(
        await timed(async () => {
          searchStore!.query = typed;
          void searchStore!.shown.length;
        }),
      );
      onScreen.push(await timed(() => typeInScreen(screen!.store, typed)));
      peer.push(await timed(() => rxSearch(rx, typed.split(' ')[0]!)));
    }
    searchStore!.query = '';
    await typeInScreen(screen!.store, '');
  }
  return {
    'app: in-memory index (store)': store,
    'app: screen updated': onScreen,
    [RAW]: await timed(() => rawScanPeople(raw)),
    [RX]: peer,
  };
}

async function caseloadRound(variant: string): Promise<RoundTimes> {
  const times: RoundTimes = {};
  let loaded: CaseloadStore | undefined;
  times[`${variant}: data loaded`] = await timed(async () => (loaded = (await loadCaseloadStore()).store));
  await settle(loaded!);
  loaded!.$dispose();
  let mounted: MountedCaseload | undefined;
  times[`${variant}: first rows visible`] = await timed(async () => (mounted = await mountCaseload()));
  await settle(mounted!.store);
  mounted!.unmount();
  times[RAW] = await timed(() => rawReadCaseload(raw, ADVISER_ID));
  if (variant === APP) times[RX] = await timed(() => rxReadCaseload(rx, ADVISER_ID));
  return times;
}

const rounds: Record<DeviceOp, (index: number) => Promise<RoundTimes>> = {
  async pullPage(index) {
    const page = changedPages[index % changedPages.length]!;
    return {
      [APP]: await timed(() => appApplyPage(appDb, page, `p${index}`)),
      [PLAIN]: await timed(() => appApplyPage(plainDb, page, `p${index}`)),
      [RAW]: await timed(() => rawApplyPage(raw, page, `p${index}`)),
      [RX]: await timed(() => rxApplyPage(rx, page, `p${index}`)),
    };
  },
  async catchUp() {
    return {
      [APP]: await timed(() => applyAll((page, cursor) => appApplyPage(appDb, page, cursor))),
      [PLAIN]: await timed(() => applyAll((page, cursor) => appApplyPage(plainDb, page, cursor))),
      [RAW]: await timed(() => applyAll((page, cursor) => rawApplyPage(raw, page, cursor))),
      [RX]: await timed(() => applyAll((page, cursor) => rxApplyPage(rx, page, cursor))),
    };
  },
  edits: editRound,
  search: searchRound,
  async openCase() {
    const id = workload.focusPersonId;
    return {
      [APP]: await timed(() => appOpenCase(appDb, id)),
      [PLAIN]: await timed(() => appOpenCase(plainDb, id)),
      [RAW]: await timed(() => rawReadCase(raw, id)),
      [RX]: await timed(() => rxReadCase(rx, id)),
    };
  },
  caseload: () => caseloadRound(APP),
  caseloadPlain: () => caseloadRound(PLAIN),
  async unlock() {
    lockDevice(appDb);
    let store: CaseloadStore | undefined;
    const ms = await timed(async () => {
      if ((await unlockWithPin(appDb, PIN)) !== 'unlocked') throw new Error('unlock failed');
      store = (await loadCaseloadStore()).store;
    });
    await settle(store!);
    store!.$dispose();
    return { [APP]: ms };
  },
};

const preparations: Partial<Record<DeviceOp, () => Promise<void>>> = {
  async search() {
    await foldCaseloadChanges(appDb); // what the pull and edit rounds changed, as the app's caseload would have
    searchStore = (await loadCaseloadStore()).store;
    screen = await mountCaseload();
    await settle(searchStore);
    await settle(screen.store);
  },
  async caseload() {
    await unlockWithNewKey(appDb);
    await resetAppDb(appDb);
    await fillAppDb(appDb, casesOf(workload.people.filter((p) => p.referentId === ADVISER_ID).length));
  },
  async caseloadPlain() {
    encryptionOff(appDb);
    await resetAppDb(appDb);
    await fillAppDb(appDb, casesOf(workload.people.filter((p) => p.referentId === ADVISER_ID).length));
  },
  async unlock() {
    encryptionOff(appDb);
    await resetAppDb(appDb);
    await protectDevice(appDb, { pin: PIN, password: 'Mot-de-passe-du-banc-1' });
    await fillAppDb(appDb, casesOf(unlockCases));
  },
};

const api: BenchPageApi = {
  async setup(sizes) {
    const start = performance.now();
    unlockCases = sizes.unlockCases;
    workload = generateWorkload(sizes);
    changedPages = pages(workload.changed, PAGE_SIZE);
    await fillMainAppDb();
    plainDb = new RaccrocheDatabase('bench-app-plain');
    encryptionOff(plainDb);
    await resetAppDb(plainDb);
    await fillAppDb(plainDb, workload.changes);
    raw = await openRaw('bench-raw');
    await rawRegisterDevice(raw);
    await applyAllChanges((changes, cursor) => rawApplyPage(raw, changes, cursor));
    rx = await openRx('bench-rxdb');
    await rxFill(rx, workload.changes);
    return {
      people: workload.people.length,
      records: workload.changes.length - workload.people.length,
      changed: workload.changed.length,
      caseload: workload.people.filter((p) => p.referentId === ADVISER_ID).length,
      focusRecords: casesOf(1).length - 1,
      unlockCases,
      setupMs: performance.now() - start,
    };
  },
  async prepare(op) {
    await preparations[op]?.();
  },
  round: (op, index) => rounds[op](index),
  async finish(op) {
    if (op === 'search') {
      screen?.unmount();
      searchStore?.$dispose();
    }
  },
};

async function applyAllChanges(apply: (changes: Workload['changes'], cursor: string) => Promise<void>) {
  for (const [index, page] of pages(workload.changes, 5_000).entries()) await apply(page, `fill${index}`);
}

(window as unknown as { raccrocheBench: BenchPageApi }).raccrocheBench = api;
