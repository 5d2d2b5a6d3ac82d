import { computed } from 'vue';
import { z } from 'zod';
import { devicesResponseSchema, type DeviceSummary } from '../../domain/device-messages';
import { useSessionStore } from '../stores/session';
import { api } from '../sync/api';
import { useOnlineRequest } from './use-online-request';

/**
 * The devices the user may see and revoke, read from the endpoint: their own,
 * and for a coordinator those of the platform's other agents (for an admin,
 * everyone's).
 */
export function useDevices() {
  const session = useSessionStore();
  const { state, reload } = useOnlineRequest(() => api.get('/api/devices', devicesResponseSchema));
  const devices = computed(() => (state.value.status === 'ready' ? state.value.data : []));
  const mine = computed(() => devices.value.filter((device) => device.agentId === session.agent?.id));
  const others = computed(() => devices.value.filter((device) => device.agentId !== session.agent?.id));

  /**
   * Cuts a device off (its sessions end; it wipes its data at its next
   * contact), then reads the list again. For this very device, that reading
   * is refused as 'device_revoked' and the app wipes it and returns to the
   * login screen, as for any revoked device.
   */
  async function revoke(device: DeviceSummary): Promise<void> {
    await api.post(`/api/devices/${device.id}/revoke`, {}, z.unknown());
    await reload();
  }

  return { state, mine, others, reload, revoke };
}
