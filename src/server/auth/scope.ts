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

/**
 * One part of a user's records, as an SQL condition on the records table.
 * The parts of a scope are disjoint: a pull page reads each on its own index
 * and merges them, instead of reading the whole platform's changes to keep
 * the user's.
 */
export interface ScopePart {
  condition: string;
  /**
   * Read along the version order, a page's limit at a time. A part known to
   * be small is read whole instead: the records of the cases the user
   * tutors — read in version order, a generic plan walked the platform's
   * changes looking for them (it cannot know they are few, or none).
   */
  inVersionOrder: boolean;
}

/** The scope of a pull, as SQL conditions numbered from $1 (see pullScopeSql). */
export interface PullScope {
  parts: ScopePart[];
  /** On the scope exits that concern this user. */
  exits: string;
  params: unknown[];
}

/** Whether a record is in the scope, as one condition on the records table (its parts, joined). */
export function inScopeSql(scope: PullScope): string {
  return scope.parts.length === 0 ? 'false' : scope.parts.map((part) => `(${part.condition})`).join(' OR ');
}

/**
 * The same rule as canAccessCase, as SQL conditions for pulls, numbered from
 * $1: `parts` on the records table (the platform's catalogue of solutions
 * is seen by all its agents; a case's records carry its id in
 * young_person_id, the young person included), `exits` on the scope exits
 * that concern this user (their cases reassigned away, their tutoring ended,
 * cases leaving the platform).
 */
export function pullScopeSql(actor: Actor): PullScope {
  if (actor.role === 'admin' || !actor.platformId) return { parts: [], exits: 'false', params: [] };
  if (actor.role === 'coordinateur') {
    return {
      parts: [{ condition: 'platform_id = $1', inVersionOrder: true }],
      exits: 'platform_id = $1 AND agent_id IS NULL',
      params: [actor.platformId],
    };
  }
  return {
    parts: [
      // Their cases (index on referent, platform, version).
      { condition: 'referent_id = $2 AND platform_id = $1', inVersionOrder: true },
      // The platform's catalogue (index on platform, entity, version).
      {
        condition: `platform_id = $1 AND entity = 'solution' AND referent_id IS DISTINCT FROM $2`,
        inVersionOrder: true,
      },
      // The cases they tutor and do not follow (index on the case): a few hundred records.
      {
        condition: `young_person_id = ANY (ARRAY(SELECT case_id FROM case_tutors WHERE agent_id = $2))
                    AND platform_id = $1 AND entity <> 'solution' AND referent_id IS DISTINCT FROM $2`,
        inVersionOrder: false,
      },
    ],
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
