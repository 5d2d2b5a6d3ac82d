import { computed, inject, provide, type InjectionKey } from 'vue';
import { z } from 'zod';
import {
  adminAgentSchema,
  adminAgentsResponseSchema,
  adminPlatformSchema,
  adminPlatformsResponseSchema,
  agentPatchResponseSchema,
  type AgentCreate,
  type AgentPatch,
  type AgentPatchResponse,
  type PlatformCreate,
} from '../../domain/admin-messages';
import { api } from '../sync/api';
import { useOnlineRequest } from './use-online-request';

/**
 * The académie's administration, read from and written to the endpoint
 * (nothing of it is kept on the device): platforms and accounts, read when
 * the screen opens and again after each change. A platform's coordinator
 * uses the accounts part for their own advisers (`withPlatforms: false`:
 * the list of platforms is the admin's).
 */
function administration(options: { withPlatforms: boolean }) {
  const platforms = useOnlineRequest(async () =>
    options.withPlatforms ? (await api.get('/api/admin/platforms', adminPlatformsResponseSchema)).platforms : [],
  );
  const agents = useOnlineRequest(async () => (await api.get('/api/admin/agents', adminAgentsResponseSchema)).agents);
  const platformList = computed(() => (platforms.state.value.status === 'ready' ? platforms.state.value.data : []));
  const reloadAll = () => Promise.all([platforms.reload(), agents.reload()]);

  async function createPlatform(platform: PlatformCreate) {
    const created = await api.post('/api/admin/platforms', platform, z.object({ platform: adminPlatformSchema }));
    await platforms.reload();
    return created.platform;
  }

  /** A new account; the platforms' counts of active accounts change with it. */
  async function createAgent(agent: AgentCreate) {
    const created = await api.post('/api/admin/agents', agent, z.object({ agent: adminAgentSchema }));
    await reloadAll();
    return created.agent;
  }

  async function updateAgent(id: string, patch: AgentPatch): Promise<AgentPatchResponse> {
    const response = await api.patch(`/api/admin/agents/${id}`, patch, agentPatchResponseSchema);
    await reloadAll();
    return response;
  }

  return { platforms, agents, platformList, createPlatform, createAgent, updateAgent };
}

export type Administration = ReturnType<typeof administration>;
const ADMINISTRATION: InjectionKey<Administration> = Symbol('administration');

/** Opens the administration for the screen and the parts inside it. */
export function provideAdministration(options = { withPlatforms: true }): Administration {
  const opened = administration(options);
  provide(ADMINISTRATION, opened);
  return opened;
}

/** The administration the screen opened. */
export function useAdministration(): Administration {
  const opened = inject(ADMINISTRATION);
  if (!opened) throw new Error('useAdministration outside the administration screen');
  return opened;
}
