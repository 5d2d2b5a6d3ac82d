import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/enums';
import { PROTOCOL_VERSION, type Mutation } from '../../src/domain/sync-messages';
import { registeredApiRoutes } from '../support/server/api-routes';
import { followUpPoint, nextCreate, nextEdit, solutionOf } from '../support/server/case-builders';
import { AGENTS, OTHER_PLATFORM, PLATFORM, type AgentKey } from '../support/server/fixture';
import {
  ACTORS,
  buildWorld,
  CASE_NAMES,
  spareDevice,
  type ActorKey,
  type World,
  type WorldCase,
} from '../support/server/scope-world';
import { bearer, useTestApp, type TestApp } from '../support/server/test-app';
import { backends } from '../support/server/test-databases';

/**
 * The scope matrix: every /api route × every role × own or other platform ×
 * the agent's relation to a case (referent, tutor, a colleague's case, an
 * unassigned one). The policy is written below as tables; the world (who is
 * referent or tutor of what) is in tests/support/server/scope-world.ts.
 * A route the endpoint registers without a line here fails the test, so a new
 * route cannot escape the matrix (HEAD routes are Fastify's twins of the GET
 * ones: same handler, same rule).
 */

// ─── The policy ──────────────────────────────────────────────────────────────

/**
 * How an agent stands towards a case. The platform comes first: a tutor named
 * on another platform's case is nobody there, and to the admin, who belongs to
 * no platform, every case is another platform's.
 */
const RELATIONS = ['referent', 'tutor', 'colleague', 'unassigned', 'other-platform'] as const;
type Relation = (typeof RELATIONS)[number];

/** Reads a table whose rows are roles and whose columns are relations. */
function byRoleAndRelation(text: string): Record<Role, Record<Relation, string>> {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  expect(header).toEqual(RELATIONS);
  return Object.fromEntries(
    rows.map(([role, ...cells]) => [role, Object.fromEntries(RELATIONS.map((relation, i) => [relation, cells[i]]))]),
  ) as Record<Role, Record<Relation, string>>;
}

/** Who sees a case (the young person and all its records: pull, refresh) and may write to it (push). */
const SEES_AND_WRITES_CASE = byRoleAndRelation(`
                 referent  tutor  colleague  unassigned  other-platform
  conseiller     yes       yes    no         no          no
  mlds           yes       yes    no         no          no
  tuteur         yes       yes    no         no          no
  coordinateur   yes       yes    yes        yes         no
  admin          no        no     no         no          no
`);

/** GET /api/cases/:id/history: the coordinator and the referent; out of reach answers as absent; an admin is refused. */
const CASE_HISTORY = byRoleAndRelation(`
                 referent  tutor  colleague  unassigned  other-platform
  conseiller     200       404    404        404         404
  mlds           200       404    404        404         404
  tuteur         200       404    404        404         404
  coordinateur   200       200    200        200         404
  admin          403       403    403        403         403
`);

/** GET /api/cases/:id/export: the right of access is the coordinator's; out of reach answers as absent; an admin is refused. */
const CASE_EXPORT = byRoleAndRelation(`
                 referent  tutor  colleague  unassigned  other-platform
  conseiller     404       404    404        404         404
  mlds           404       404    404        404         404
  tuteur         404       404    404        404         404
  coordinateur   200       200    200        200         404
  admin          403       403    403        403         403
`);

/** PUT /api/cases/:id/referent: the coordinator of the case's platform assigns it. */
const ASSIGN_CASE = byRoleAndRelation(`
                 referent  tutor  colleague  unassigned  other-platform
  conseiller     403       403    403        403         403
  mlds           403       403    403        403         403
  tuteur         403       403    403        403         403
  coordinateur   200       200    200        200         404
  admin          403       403    403        403         403
`);

/**
 * POST /api/distribution/assign and POST /api/cases/:id/transfer: the
 * coordinator of the case's platform; another platform's case is refused
 * outright (the batch names it), not answered as absent.
 */
const DISTRIBUTE_CASE = byRoleAndRelation(`
                 referent  tutor  colleague  unassigned  other-platform
  conseiller     403       403    403        403         403
  mlds           403       403    403        403         403
  tuteur         403       403    403        403         403
  coordinateur   200       200    200        200         403
  admin          403       403    403        403         403
`);

/** Why a push is refused: the role never writes such records, or the record is out of the sender's scope. */
const NOT_A_WRITER = "rejected: Votre rôle ne permet pas d'enregistrer ce type de fiche";
const FORBIDDEN = "rejected: Vous n'avez pas accès à ce dossier";
const CASE_WORKERS: readonly Role[] = ['conseiller', 'mlds', 'tuteur', 'coordinateur'];

/** A write to a case: by a role that writes case records, in its scope. */
function caseWrite(role: Role, relation: Relation): string {
  if (!CASE_WORKERS.includes(role)) return NOT_A_WRITER;
  return SEES_AND_WRITES_CASE[role][relation] === 'yes' ? 'applied' : FORBIDDEN;
}

/** The platform's catalogue: seen by every agent of the platform, written by its coordinator. */
function catalogueWrite(role: Role, ownPlatform: boolean): string {
  if (role !== 'coordinateur') return NOT_A_WRITER;
  return ownPlatform ? 'applied' : FORBIDDEN;
}

/** Devices: one's own; a coordinator, those of their platform's agents; an admin, all (GET lists, revoke cuts off). */
function managesDevicesOf(actor: ActorKey, owner: AgentKey): boolean {
  const { role, platformId } = AGENTS[actor];
  if (actor === owner || role === 'admin') return true;
  return role === 'coordinateur' && AGENTS[owner].platformId === platformId;
}

// ─── The routes ──────────────────────────────────────────────────────────────

/** One check: who, on what, the expected outcome, and how to observe it. */
interface Probe {
  who: ActorKey;
  on: string;
  expected: string;
  observe: () => Promise<string>;
}

interface RouteRule {
  /** The rule in words, as the test's name. */
  policy: string;
  /** Reached without a session (see tests/server/authentication.test.ts). */
  public?: true;
  /** A route of the device-sessions work, checked once it is registered. */
  pending?: string;
  probes?: (t: TestApp, world: World) => Promise<Probe[]> | Probe[];
}

const roleOf = (actor: ActorKey): Role => AGENTS[actor].role;

function relationOf(actor: ActorKey, theCase: WorldCase): Relation {
  const agent = AGENTS[actor];
  if (agent.platformId !== theCase.platformId) return 'other-platform';
  if (theCase.referentId === agent.id) return 'referent';
  if (theCase.namedTutorIds.includes(agent.id)) return 'tutor';
  return theCase.referentId === null ? 'unassigned' : 'colleague';
}

const seesCase = (actor: ActorKey, theCase: WorldCase) =>
  SEES_AND_WRITES_CASE[roleOf(actor)][relationOf(actor, theCase)] === 'yes';

/** The ids an agent may see: the records of the cases it sees, and its platform's catalogue. */
function visibleIds(world: World, actor: ActorKey): Set<string> {
  const ids = new Set<string>();
  for (const theCase of Object.values(world.cases)) {
    if (seesCase(actor, theCase)) for (const id of [theCase.id, ...theCase.contractIds]) ids.add(id);
  }
  for (const solution of world.solutions) if (solution.platformId === AGENTS[actor].platformId) ids.add(solution.id);
  return ids;
}

const allIds = (world: World) => [
  ...Object.values(world.cases).flatMap((theCase) => [theCase.id, ...theCase.contractIds]),
  ...world.solutions.map((solution) => solution.id),
];

/** Probes of every actor on every case; the outcome expected by role and relation (a table, or a rule). */
function perCase(
  world: World,
  what: string,
  expected: Record<Role, Record<Relation, string>> | ((role: Role, relation: Relation) => string),
  observe: (actor: ActorKey, theCase: WorldCase) => Promise<string>,
): Probe[] {
  const outcome =
    typeof expected === 'function' ? expected : (role: Role, relation: Relation) => expected[role][relation];
  return ACTORS.flatMap((who) =>
    CASE_NAMES.map((name) => {
      const theCase = world.cases[name];
      const relation = relationOf(who, theCase);
      return {
        who,
        on: `${what}${name} (${relation})`,
        expected: outcome(roleOf(who), relation),
        observe: () => observe(who, theCase),
      };
    }),
  );
}

/** Probes of one actor each: the expected status by role. */
function perActor(expected: (actor: ActorKey) => string, observe: (actor: ActorKey) => Promise<string>): Probe[] {
  return ACTORS.map((who) => ({ who, on: 'the route', expected: expected(who), observe: () => observe(who) }));
}

const adminOnly = (allowed: number) => (actor: ActorKey) => String(roleOf(actor) === 'admin' ? allowed : 403);
const coordinatorOnly = (allowed: number | string) => (actor: ActorKey) =>
  String(roleOf(actor) === 'coordinateur' ? allowed : 403);
/** Accounts: the admin, and a coordinator for the advisers of their own platform. */
const accountManagers = (allowed: number) => (actor: ActorKey) =>
  String(['admin', 'coordinateur'].includes(roleOf(actor)) ? allowed : 403);

/** The fixture's name of an agent or case id, for lists that must hold exactly the expected ones. */
const agentKeyOf = (id: string) => (Object.keys(AGENTS) as AgentKey[]).find((agent) => AGENTS[agent].id === id) ?? id;

/** A one-row SIEI list (an import writes into the caller's own platform: there is no other to aim at). */
const sieiList = () => ({
  campaign: '2026-11',
  rows: [{ line: 2, lastName: 'Importé', firstNames: 'Jeune', birthDate: '2009-03-14' }],
});

async function statusOf(
  t: TestApp,
  world: World,
  actor: ActorKey,
  request: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; payload?: object },
): Promise<string> {
  const response = await t.inject({ ...request, headers: bearer(world.devices[actor].token) });
  return String(response.statusCode);
}

async function pushOutcome(t: TestApp, world: World, actor: ActorKey, build: () => Promise<unknown>) {
  const device = world.devices[actor];
  const mutation = (await build()) as Parameters<typeof t.pushOk>[1][number];
  const [result] = (await t.pushOk(device, [mutation])).results;
  return result?.status === 'rejected' ? `rejected: ${result.reason}` : String(result?.status);
}

/** The activity bilans: every actor asks for its own platform's, the other platform's, and all platforms'. */
function activityProbes(t: TestApp, world: World, route: string): Probe[] {
  const period = 'from=2026-09-01&to=2026-10-31';
  const targets = [
    { on: 'PSAD Test Nord', query: `&platformId=${PLATFORM.id}`, platformId: PLATFORM.id },
    { on: 'PSAD Test Sud', query: `&platformId=${OTHER_PLATFORM.id}`, platformId: OTHER_PLATFORM.id },
    { on: 'every platform', query: '', platformId: null },
  ];
  const expected = (who: ActorKey, platformId: string | null) => {
    if (roleOf(who) === 'admin') return '200';
    if (roleOf(who) !== 'coordinateur') return '403';
    // A coordinator naming no platform reads its own.
    return platformId === null || platformId === AGENTS[who].platformId ? '200' : '403';
  };
  return ACTORS.flatMap((who) =>
    targets.map((target) => ({
      who,
      on: target.on,
      expected: expected(who, target.platformId),
      observe: () => statusOf(t, world, who, { method: 'GET', url: `${route}?${period}${target.query}` }),
    })),
  );
}

const ROUTES: Record<string, RouteRule> = {
  'GET /api/health': { policy: 'public', public: true },
  'POST /api/auth/login': { policy: 'public', public: true },
  'POST /api/auth/refresh': {
    policy: 'public: the refresh token is the credential',
    public: true,
    pending: 'device sessions',
  },

  'POST /api/auth/logout': {
    policy: 'every role ends its own session',
    probes: (t, world) =>
      perActor(
        () => '204',
        (who) => statusOf(t, world, who, { method: 'POST', url: '/api/auth/logout' }),
      ),
  },

  'POST /api/account/password': {
    pending: 'device sessions',
    policy: 'every role reaches it for its own account (an empty body is invalid, not forbidden)',
    probes: (t, world) =>
      perActor(
        () => '400',
        (who) => statusOf(t, world, who, { method: 'POST', url: '/api/account/password', payload: {} }),
      ),
  },

  'GET /api/directory': {
    policy: 'every role: the agents of its own platform, none of another (the admin: none)',
    probes: (t, world) =>
      perActor(
        (who) => {
          const platformId = AGENTS[who].platformId;
          const mates = (Object.keys(AGENTS) as AgentKey[]).filter(
            (agent) => platformId && AGENTS[agent].platformId === platformId,
          );
          return `200 ${mates.sort().join(',')}`;
        },
        async (who) => {
          const response = await t.inject({
            method: 'GET',
            url: '/api/directory',
            headers: bearer(world.devices[who].token),
          });
          const listed = (response.json().agents as { id: string }[]).map(
            (entry) => (Object.keys(AGENTS) as AgentKey[]).find((agent) => AGENTS[agent].id === entry.id) ?? entry.id,
          );
          return `${response.statusCode} ${listed.sort().join(',')}`;
        },
      ),
  },

  'POST /api/sync/pull': {
    policy: 'every role: exactly the records of the cases it sees and its platform’s catalogue, nothing more',
    probes: (t, world) =>
      ACTORS.map((who) => ({
        who,
        on: 'its whole pull',
        expected: [...visibleIds(world, who)]
          .map((id) => world.labels.get(id))
          .sort()
          .join(' | '),
        observe: async () => {
          const { changes } = await t.pullAll(world.devices[who]);
          return changes
            .map(
              (change) =>
                `${world.labels.get(change.id) ?? change.id}${change.op === 'upsert' ? '' : ` (${change.op})`}`,
            )
            .sort()
            .join(' | ');
        },
      })),
  },

  'POST /api/sync/records': {
    policy: 'every role: the server copy of a record it sees, an eviction for any other',
    probes: (t, world) =>
      ACTORS.flatMap((who) =>
        allIds(world).map((id) => ({
          who,
          on: world.labels.get(id)!,
          expected: visibleIds(world, who).has(id) ? 'upsert' : 'evict',
          observe: async () => {
            const response = await t.inject({
              method: 'POST',
              url: '/api/sync/records',
              headers: bearer(world.devices[who].token),
              payload: { protocolVersion: PROTOCOL_VERSION, ids: [id] },
            });
            return String(response.json().changes[0]?.op);
          },
        })),
      ),
  },

  'POST /api/sync/push': {
    policy: 'every role: writes applied in its scope, refused with a reason out of it',
    probes: (t, world) => [
      ...perCase(world, 'edit of ', caseWrite, (who, theCase) =>
        pushOutcome(t, world, who, async () => {
          const stored = (await t.storedRecord(theCase.id))!;
          return nextEdit(world.devices[who], 'youngPerson', theCase.id, stored.version, { commune: `Par ${who}` });
        }),
      ),
      ...perCase(world, 'follow-up point on ', caseWrite, (who, theCase) =>
        pushOutcome(t, world, who, async () =>
          nextCreate(world.devices[who], 'meeting', followUpPoint(theCase.id, AGENTS[who].id)),
        ),
      ),
      ...ACTORS.flatMap((who) =>
        world.solutions.map((solution) => ({
          who,
          on: `edit of the ${world.labels.get(solution.id)}`,
          expected: catalogueWrite(roleOf(who), solution.platformId === AGENTS[who].platformId),
          observe: () =>
            pushOutcome(t, world, who, async () => {
              const stored = (await t.storedRecord(solution.id))!;
              return nextEdit(world.devices[who], 'solution', solution.id, stored.version, { placesTotal: 3 });
            }),
        })),
      ),
    ],
  },

  'POST /api/sync/replay': {
    policy: 'every role replays its own devices’ mutations, never another agent’s',
    probes: (t, world) =>
      ACTORS.flatMap((who) => {
        const other: ActorKey = who === 'conseiller' ? 'mlds' : 'conseiller';
        const point = () => followUpPoint(world.cases.david.id, AGENTS[who].id);
        const replay = (deviceId: string, mutation: Mutation) =>
          statusOf(t, world, who, {
            method: 'POST',
            url: '/api/sync/replay',
            payload: { protocolVersion: PROTOCOL_VERSION, deviceId, mutations: [mutation] },
          });
        const ownDevice = world.devices[who];
        const othersDevice = world.devices[other].deviceId;
        return [
          {
            who,
            on: 'its own device',
            expected: '200',
            observe: () => replay(ownDevice.deviceId, nextCreate(ownDevice, 'meeting', point())),
          },
          {
            who,
            on: `a device of ${other}`,
            expected: '403',
            observe: () => replay(othersDevice, { ...nextCreate({ ...ownDevice }, 'meeting', point()), seq: 1 }),
          },
        ];
      }),
  },

  'PUT /api/cases/:id/referent': {
    policy: 'the coordinator of the case’s platform; nobody else',
    probes: (t, world) =>
      perCase(world, '', ASSIGN_CASE, (who, theCase) =>
        statusOf(t, world, who, {
          method: 'PUT',
          url: `/api/cases/${theCase.id}/referent`,
          payload: { referentId: theCase.referentId }, // unchanged: the world stays as it is
        }),
      ),
  },

  'POST /api/cases/:id/transfer': {
    policy: 'the coordinator of the case’s platform; nobody else',
    probes: (t, world) =>
      perCase(world, '', DISTRIBUTE_CASE, (who, theCase) =>
        statusOf(t, world, who, {
          method: 'POST',
          url: `/api/cases/${theCase.id}/transfer`,
          // Another platform than the actor's own (the case then leaves for it, when allowed).
          payload: {
            platformId: AGENTS[who].platformId === PLATFORM.id ? OTHER_PLATFORM.id : PLATFORM.id,
            reason: 'Déménagement',
          },
        }),
      ),
  },

  'GET /api/distribution/cases': {
    policy: 'the coordinator: every open case of its platform, none of another; nobody else',
    probes: (t, world) =>
      perActor(
        coordinatorOnly(
          `200 ${Object.values(world.cases)
            .filter((theCase) => theCase.platformId === PLATFORM.id)
            .map((theCase) => theCase.name)
            .sort()
            .join(',')}`,
        ),
        async (who) => {
          const response = await t.inject({
            method: 'GET',
            url: '/api/distribution/cases?state=all',
            headers: bearer(world.devices[who].token),
          });
          if (response.statusCode !== 200) return String(response.statusCode);
          const names = (response.json().cases as { id: string }[]).map((row) => world.labels.get(row.id) ?? row.id);
          return `200 ${names.sort().join(',')}`;
        },
      ),
  },

  'GET /api/distribution/advisers': {
    policy: 'the coordinator: the advisers of its own platform; nobody else',
    probes: (t, world) =>
      perActor(coordinatorOnly('200 conseiller,mlds,tuteur'), async (who) => {
        const response = await t.inject({
          method: 'GET',
          url: '/api/distribution/advisers',
          headers: bearer(world.devices[who].token),
        });
        if (response.statusCode !== 200) return String(response.statusCode);
        const listed = (response.json().advisers as { id: string }[]).map((adviser) => agentKeyOf(adviser.id));
        return `200 ${listed.sort().join(',')}`;
      }),
  },

  'GET /api/distribution/platforms': {
    policy: 'the coordinator: the other platforms, destinations of a transfer; nobody else',
    probes: (t, world) =>
      perActor(coordinatorOnly('200'), (who) =>
        statusOf(t, world, who, { method: 'GET', url: '/api/distribution/platforms' }),
      ),
  },

  'POST /api/distribution/assign': {
    policy: 'the coordinator of the cases’ platform; nobody else',
    probes: (t, world) =>
      perCase(world, '', DISTRIBUTE_CASE, (who, theCase) =>
        statusOf(t, world, who, {
          method: 'POST',
          url: '/api/distribution/assign',
          // To its referent when it is of this platform (the world stays as it is), else to the conseiller.
          payload: {
            caseIds: [theCase.id],
            referentId:
              theCase.platformId === PLATFORM.id && theCase.referentId ? theCase.referentId : AGENTS.conseiller.id,
          },
        }),
      ),
  },

  'GET /api/cases/:id/history': {
    policy: 'the coordinator of the case’s platform and its referent',
    probes: (t, world) =>
      perCase(world, '', CASE_HISTORY, (who, theCase) =>
        statusOf(t, world, who, { method: 'GET', url: `/api/cases/${theCase.id}/history` }),
      ),
  },

  'GET /api/cases/:id/export': {
    policy: 'the coordinator of the case’s platform',
    probes: (t, world) =>
      perCase(world, '', CASE_EXPORT, (who, theCase) =>
        statusOf(t, world, who, { method: 'GET', url: `/api/cases/${theCase.id}/export?format=json` }),
      ),
  },

  'GET /api/notice': {
    policy: 'every role: the information notice for young people and their families',
    probes: (t, world) =>
      perActor(
        () => '200',
        (who) => statusOf(t, world, who, { method: 'GET', url: '/api/notice' }),
      ),
  },

  'POST /api/audit/events': {
    policy: 'every role reports its own device’s exports',
    probes: (t, world) =>
      perActor(
        () => '204',
        (who) =>
          statusOf(t, world, who, {
            method: 'POST',
            url: '/api/audit/events',
            payload: {
              events: [
                {
                  id: randomUUID(),
                  kind: 'emergency_export',
                  at: '2026-10-05T09:00:00.000Z',
                  details: { mutations: 0, drafts: 0 },
                },
              ],
            },
          }),
      ),
  },

  'GET /api/admin/platforms': {
    policy: 'the admin only',
    probes: (t, world) =>
      perActor(adminOnly(200), (who) => statusOf(t, world, who, { method: 'GET', url: '/api/admin/platforms' })),
  },
  'POST /api/admin/platforms': {
    policy: 'the admin only',
    probes: (t, world) =>
      perActor(adminOnly(201), (who) =>
        statusOf(t, world, who, {
          method: 'POST',
          url: '/api/admin/platforms',
          payload: { name: `PSAD créée par ${who}`, departement: 'Somme', academie: 'Amiens' },
        }),
      ),
  },
  'GET /api/admin/agents': {
    policy: 'the admin: every account; a coordinator: its platform’s; nobody else',
    probes: (t, world) =>
      perActor(
        (who) => {
          if (roleOf(who) === 'admin') return `200 ${Object.keys(AGENTS).sort().join(',')}`;
          if (roleOf(who) !== 'coordinateur') return '403';
          const mates = (Object.keys(AGENTS) as AgentKey[]).filter(
            (a) => AGENTS[a].platformId === AGENTS[who].platformId,
          );
          return `200 ${mates.sort().join(',')}`;
        },
        async (who) => {
          const response = await t.inject({
            method: 'GET',
            url: '/api/admin/agents',
            headers: bearer(world.devices[who].token),
          });
          if (response.statusCode !== 200) return String(response.statusCode);
          const listed = (response.json().agents as { id: string }[]).map((agent) => agentKeyOf(agent.id));
          return `200 ${listed.sort().join(',')}`;
        },
      ),
  },
  'POST /api/admin/agents': {
    policy: 'the admin; a coordinator for an adviser of its own platform; nobody else',
    probes: (t, world) =>
      perActor(accountManagers(201), (who) =>
        statusOf(t, world, who, {
          method: 'POST',
          url: '/api/admin/agents',
          payload: {
            email: `cree.par.${who.toLowerCase()}@test.example`,
            displayName: 'Nouvel Agent',
            role: 'conseiller',
            platformId: PLATFORM.id,
            structure: 'CIO de test',
            temporaryPassword: 'Provisoire-2026-Nord!',
          },
        }),
      ),
  },
  'PATCH /api/admin/agents/:id': {
    policy: 'the admin; a coordinator for an adviser of its own platform; nobody else',
    probes: (t, world) =>
      perActor(accountManagers(200), (who) =>
        statusOf(t, world, who, {
          method: 'PATCH',
          url: `/api/admin/agents/${AGENTS.conseiller.id}`,
          payload: { displayName: AGENTS.conseiller.displayName },
        }),
      ),
  },
  'GET /api/admin/audit.csv': {
    policy: 'the admin only',
    probes: (t, world) =>
      perActor(adminOnly(200), (who) =>
        statusOf(t, world, who, { method: 'GET', url: '/api/admin/audit.csv?from=2026-10-01&to=2026-10-31' }),
      ),
  },

  'GET /api/catalogue': {
    policy: 'the coordinator: its own platform’s catalogue, never another’s; nobody else',
    probes: (t, world) =>
      perActor(
        (who) => (roleOf(who) === 'coordinateur' ? '200 catalogue of PSAD Test Nord' : '403'),
        async (who) => {
          const response = await t.inject({
            method: 'GET',
            url: '/api/catalogue',
            headers: bearer(world.devices[who].token),
          });
          if (response.statusCode !== 200) return String(response.statusCode);
          const ids = (response.json().solutions as { solution: { id: string } }[]).map(
            (entry) => world.labels.get(entry.solution.id) ?? entry.solution.id,
          );
          return `200 ${ids.join(', ')}`;
        },
      ),
  },
  'POST /api/catalogue': {
    policy: 'the coordinator, on its own platform; nobody else',
    probes: (t, world) =>
      perActor(
        (who) => (roleOf(who) === 'coordinateur' ? '201' : '403'),
        (who) =>
          statusOf(t, world, who, {
            method: 'POST',
            url: '/api/catalogue',
            payload: Object.fromEntries(
              Object.entries(solutionOf(PLATFORM.id)).filter(([field]) => field !== 'id' && field !== 'platformId'),
            ),
          }),
      ),
  },
  'PATCH /api/catalogue/:id': {
    policy: 'the coordinator, on its own platform’s entries only',
    probes: (t, world) =>
      ACTORS.flatMap((who) =>
        world.solutions.map((solution) => ({
          who,
          on: `the ${world.labels.get(solution.id)}`,
          expected: roleOf(who) === 'coordinateur' && solution.platformId === AGENTS[who].platformId ? '200' : '403',
          observe: async () =>
            statusOf(t, world, who, {
              method: 'PATCH',
              url: `/api/catalogue/${solution.id}`,
              payload: { baseVersion: (await t.storedRecord(solution.id))!.version, changes: { placesTotal: 7 } },
            }),
        })),
      ),
  },

  'GET /api/stats/activity': {
    policy: 'the coordinator, its own platform (another is refused); the admin, any platform or all; nobody else',
    probes: (t, world) => activityProbes(t, world, '/api/stats/activity'),
  },
  'GET /api/stats/activity.csv': {
    policy: 'as the figures: the coordinator’s own platform, the admin’s any or all',
    probes: (t, world) => activityProbes(t, world, '/api/stats/activity.csv'),
  },

  'POST /api/imports/preview': {
    policy: 'the coordinator of a platform previews a SIEI list for it; nobody else',
    probes: (t, world) =>
      perActor(coordinatorOnly(200), (who) =>
        statusOf(t, world, who, { method: 'POST', url: '/api/imports/preview', payload: sieiList() }),
      ),
  },
  'POST /api/imports': {
    policy: 'the coordinator of a platform imports a SIEI list into it; nobody else',
    probes: (t, world) =>
      perActor(coordinatorOnly(200), (who) =>
        statusOf(t, world, who, {
          method: 'POST',
          url: '/api/imports',
          payload: { ...sieiList(), importId: randomUUID(), fileName: `liste de ${who}.csv`, rejectedInFile: 0 },
        }),
      ),
  },

  'GET /api/devices': {
    pending: 'device sessions',
    policy: 'its own devices; a coordinator, its platform’s; an admin, all',
    probes: async (t, world) => {
      const spares = new Map<AgentKey, string>();
      for (const owner of ACTORS) spares.set(owner, await spareDevice(t, owner));
      return ACTORS.flatMap((who) =>
        ACTORS.map((owner) => ({
          who,
          on: `a device of ${owner}`,
          expected: managesDevicesOf(who, owner) ? 'listed' : 'not listed',
          observe: async () => {
            const response = await t.inject({
              method: 'GET',
              url: '/api/devices',
              headers: bearer(world.devices[who].token),
            });
            return response.statusCode === 200 && response.body.includes(spares.get(owner)!) ? 'listed' : 'not listed';
          },
        })),
      );
    },
  },
  'POST /api/devices/:id/revoke': {
    pending: 'device sessions',
    policy: 'its own devices; a coordinator, its platform’s; an admin, any (out of reach answers as absent)',
    probes: (t, world) =>
      ACTORS.flatMap((who) =>
        ACTORS.map((owner) => ({
          who,
          on: `a device of ${owner}`,
          expected: managesDevicesOf(who, owner) ? '204' : '404',
          observe: async () =>
            statusOf(t, world, who, { method: 'POST', url: `/api/devices/${await spareDevice(t, owner)}/revoke` }),
        })),
      ),
  },
};

// ─── The test ────────────────────────────────────────────────────────────────

const line = (probe: Probe, outcome: string) => `${probe.who} × ${probe.on} → ${outcome}`;

describe.each(backends)('scope matrix on %s', (backend) => {
  const t = useTestApp(backend);

  it('has a line for every /api route the endpoint registers', () => {
    const unknown = registeredApiRoutes(t.app).filter((route) => !(route in ROUTES));
    expect(unknown, 'routes missing from the scope matrix: add their rule to ROUTES').toEqual([]);
  });

  it('finds every route of its table among those registered (pending ones listed)', () => {
    const registered = new Set(registeredApiRoutes(t.app));
    const missing = Object.keys(ROUTES).filter((route) => !registered.has(route));
    const pendingMissing = missing.filter((route) => ROUTES[route]?.pending);
    if (pendingMissing.length > 0) {
      console.warn(`scope matrix: not registered yet, checked once they are: ${pendingMissing.join(', ')}`);
    }
    expect(missing.filter((route) => !ROUTES[route]?.pending)).toEqual([]);
  });

  for (const [route, rule] of Object.entries(ROUTES)) {
    if (rule.public || !rule.probes) continue;
    it(`${route}: ${rule.policy}`, async (context) => {
      if (!registeredApiRoutes(t.app).includes(route)) {
        context.skip(`${route} is not registered yet (${rule.pending ?? 'unknown'})`);
      }
      const world = await buildWorld(t);
      const probes = await rule.probes!(t, world);
      const observed: string[] = [];
      for (const probe of probes) observed.push(line(probe, await probe.observe()));
      expect(observed).toEqual(probes.map((probe) => line(probe, probe.expected)));
    });
  }
});
