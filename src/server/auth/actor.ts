import type { Role } from '../../domain/enums';

/** The authenticated agent and device behind a request. */
export interface Actor {
  agentId: string;
  deviceId: string;
  role: Role;
  platformId: string | null;
}

/** The endpoint's time source; injected so tests can move time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
