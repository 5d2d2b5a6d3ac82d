import { ref } from 'vue';
import type { DeviceSummary } from '../../domain/device-messages';
import { onlineActionFailure } from './use-online-request';
import { useOutcome } from './use-outcome';

/**
 * A device list's "Révoquer": its buttons disabled while it runs (`revoking`),
 * then what came of it said in the list's `OutcomeMessage` and focused
 * (`revokedText` words a success).
 */
export function useDeviceRevocation(
  revoke: (device: DeviceSummary) => Promise<void>,
  revokedText: (device: DeviceSummary) => string,
) {
  const revoking = ref(false);
  const { outcome, outcomeMessage, say } = useOutcome();

  async function revokeDevice(device: DeviceSummary): Promise<void> {
    revoking.value = true;
    outcome.value = null;
    let said: [ok: boolean, text: string];
    try {
      await revoke(device);
      said = [true, revokedText(device)];
    } catch (error) {
      said = [false, `Révocation impossible : ${onlineActionFailure(error)}`];
    } finally {
      revoking.value = false;
    }
    await say(...said);
  }

  return { revoking, outcome, outcomeMessage, revokeDevice };
}
