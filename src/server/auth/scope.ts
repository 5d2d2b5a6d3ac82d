import type { Actor } from './actor';

/**
 * Who may see and change a young person's case:
 * - conseiller, mlds, tuteur: the cases they are the referent of;
 * - coordinateur: every case of their platform;
 * - admin: no case content.
 * Nobody reaches another platform's cases.
 */
export function canAccessCase(actor: Actor, record: { platformId: string; referentId: string | null }): boolean {
  if (actor.role === 'admin' || actor.platformId !== record.platformId) return false;
  if (actor.role === 'coordinateur') return true;
  return record.referentId === actor.agentId;
}

/** Who may assign a case to a referent (or leave it unassigned). */
export function canAssign(actor: Actor, referentId: string | null): boolean {
  if (actor.role === 'coordinateur') return true;
  return referentId === actor.agentId && actor.role !== 'admin';
}

/**
 * The same rule as canAccessCase, as SQL conditions for pulls, numbered from
 * $1: `records` on the records table (the platform's catalogue of solutions
 * is seen by all its agents), `exits` on the scope exits that concern this
 * user (their cases reassigned away, cases leaving the platform).
 */
export function pullScopeSql(actor: Actor): { records: string; exits: string; params: unknown[] } {
  if (actor.role === 'admin' || !actor.platformId) return { records: 'false', exits: 'false', params: [] };
  if (actor.role === 'coordinateur') {
    return { records: 'platform_id = $1', exits: 'platform_id = $1 AND agent_id IS NULL', params: [actor.platformId] };
  }
  return {
    records: `platform_id = $1 AND (referent_id = $2 OR entity = 'solution')`,
    exits: 'platform_id = $1 AND (agent_id = $2 OR agent_id IS NULL)',
    params: [actor.platformId, actor.agentId],
  };
}
