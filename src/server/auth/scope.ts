import { HttpError } from '../http/http-error';
import type { Actor } from './actor';

/** A case as scopes see it: its platform, its referent and its tutors (agents named on its contracts). */
export interface CaseAccess {
  platformId: string;
  referentId: string | null;
  tutorIds: readonly string[];
}

/**
 * Who may see and change a young person's case:
 * - conseiller, mlds, tuteur: the cases they are the referent of, and the
 *   cases where a contract names them as tutor (see case_tutors);
 * - coordinateur: every case of their platform;
 * - admin: no case content.
 * Nobody reaches another platform's cases.
 */
export function canAccessCase(actor: Actor, theCase: CaseAccess): boolean {
  if (actor.role === 'admin' || actor.platformId !== theCase.platformId) return false;
  if (actor.role === 'coordinateur') return true;
  return theCase.referentId === actor.agentId || theCase.tutorIds.includes(actor.agentId);
}

/**
 * The platform of a coordinator, for the work that is theirs alone
 * (distributing the cases, the platform's accounts); 403 with `refusal` for
 * anyone else.
 */
export function requireCoordinator(actor: Actor, refusal: string): string {
  if (actor.role !== 'coordinateur' || !actor.platformId) throw new HttpError(403, 'forbidden', refusal);
  return actor.platformId;
}

/** Who may assign a case to a referent (or leave it unassigned). */
export function canAssign(actor: Actor, referentId: string | null): boolean {
  if (actor.role === 'coordinateur') return true;
  return referentId === actor.agentId && actor.role !== 'admin';
}

/** The scope of a pull, as SQL conditions numbered from $1 (see pullScopeSql). */
export interface PullScope {
  /** On the records table: whether a record is in scope. */
  records: string;
  /**
   * The same records as disjoint conditions, each one an index can serve in
   * version order: a pull page reads each part along its own index and merges
   * them, instead of reading the whole platform's changes to keep the user's.
   */
  recordParts: string[];
  /**
   * A last part read whole, not along the version order: the records of the
   * cases the user tutors. Read in version order with a page's limit, a
   * generic plan walked the platform's changes looking for them (it cannot
   * know the tutored cases are few, or none).
   */
  smallPart?: string;
  /** On the scope exits that concern this user. */
  exits: string;
  params: unknown[];
}

/**
 * The same rule as canAccessCase, as SQL conditions for pulls, numbered from
 * $1: `records` on the records table (the platform's catalogue of solutions
 * is seen by all its agents; a case's records carry its id in
 * young_person_id, the young person included), `exits` on the scope exits
 * that concern this user (their cases reassigned away, their tutoring ended,
 * cases leaving the platform).
 */
export function pullScopeSql(actor: Actor): PullScope {
  if (actor.role === 'admin' || !actor.platformId) {
    return { records: 'false', recordParts: [], exits: 'false', params: [] };
  }
  if (actor.role === 'coordinateur') {
    return {
      records: 'platform_id = $1',
      recordParts: ['platform_id = $1'],
      exits: 'platform_id = $1 AND agent_id IS NULL',
      params: [actor.platformId],
    };
  }
  const tutored = 'SELECT case_id FROM case_tutors WHERE agent_id = $2';
  return {
    records: `platform_id = $1 AND (referent_id = $2 OR entity = 'solution' OR young_person_id IN (${tutored}))`,
    recordParts: [
      // Their cases (index on referent, platform, version).
      'referent_id = $2 AND platform_id = $1',
      // The platform's catalogue (index on platform, entity, version).
      `platform_id = $1 AND entity = 'solution' AND referent_id IS DISTINCT FROM $2`,
    ],
    // The cases they tutor and do not follow (index on the case): a few hundred records.
    smallPart: `young_person_id = ANY (ARRAY(${tutored})) AND platform_id = $1
                AND entity <> 'solution' AND referent_id IS DISTINCT FROM $2`,
    exits: 'platform_id = $1 AND (agent_id = $2 OR agent_id IS NULL)',
    params: [actor.platformId, actor.agentId],
  };
}

/**
 * Who may read the trail of a case's writes (every change, by whom, from
 * which device): the coordinator of its platform and its referent. A tutor
 * sees the case's records, not its trail.
 */
export function canReadCaseHistory(actor: Actor, theCase: { platformId: string; referentId: string | null }): boolean {
  if (actor.platformId !== theCase.platformId) return false;
  return actor.role === 'coordinateur' || (actor.role !== 'admin' && theCase.referentId === actor.agentId);
}
