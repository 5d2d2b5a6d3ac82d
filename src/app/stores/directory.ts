import { defineStore } from 'pinia';
import { computed } from 'vue';
import { role } from '../../domain/enums';
import { useLiveQuery } from '../composables/use-live-query';
import { appDb } from '../db/instance';
import { readMeta } from '../db/meta';
import { useSessionStore } from './session';

/** Names of the platform's agents, kept on the device (updated at each sync). */
export const useDirectoryStore = defineStore('directory', () => {
  const session = useSessionStore();
  const directory = useLiveQuery(async () => (await readMeta(appDb, 'directory')) ?? null, null);
  const byId = computed(() => new Map((directory.value?.agents ?? []).map((agent) => [agent.id, agent])));
  const platform = computed(() => directory.value?.platform ?? null);
  const agents = computed(() => directory.value?.agents ?? []);
  /** The platform's settings for devices (lock delay, closed cases kept), when the endpoint gave them. */
  const settings = computed(() => directory.value?.settings ?? null);

  /** "Camille Durand" for a known agent (the user themself even before the first directory arrives). */
  function nameOf(agentId: string | null | undefined): string {
    if (!agentId) return 'Non attribué';
    if (agentId === 'server') return 'Raccroche';
    const known = byId.value.get(agentId)?.displayName;
    if (known) return known;
    return agentId === session.agent?.id ? session.agent.displayName : 'Agent inconnu';
  }

  function roleOf(agentId: string): string {
    const agent = byId.value.get(agentId);
    return agent ? role.label(agent.role) : '';
  }

  return { directory, platform, agents, settings, nameOf, roleOf };
});
