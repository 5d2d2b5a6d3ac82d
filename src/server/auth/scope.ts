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
 * The same rule as canAccessCase, as a SQL condition on `records` for pulls;
 * the platform's catalogue of solutions is seen by all its agents.
 * Returns the condition and its parameters, numbered from `firstParam`.
 */
export function caseScopeSql(actor: Actor, firstParam: number): { sql: string; params: unknown[] } {
  if (actor.role === 'admin' || !actor.platformId) return { sql: 'false', params: [] };
  if (actor.role === 'coordinateur') return { sql: `platform_id = $${firstParam}`, params: [actor.platformId] };
  return {
    sql: `platform_id = $${firstParam} AND (referent_id = $${firstParam + 1} OR entity = 'solution')`,
    params: [actor.platformId, actor.agentId],
  };
}
