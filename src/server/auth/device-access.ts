import type { DeviceListScope } from '../store/devices-repo';
import type { Actor } from './actor';

/**
 * Whose devices an agent sees and may revoke: their own; a coordinator, those
 * of every agent of their platform; an admin, all. A device out of reach is
 * answered as if it did not exist.
 */
export function deviceListScope(actor: Actor): DeviceListScope {
  if (actor.role === 'admin') return 'all';
  if (actor.role === 'coordinateur' && actor.platformId) return { platformId: actor.platformId };
  return { agentId: actor.agentId };
}

export function canManageDevice(actor: Actor, owner: { agentId: string; platformId: string | null }): boolean {
  if (actor.role === 'admin' || owner.agentId === actor.agentId) return true;
  return actor.role === 'coordinateur' && actor.platformId !== null && owner.platformId === actor.platformId;
}
