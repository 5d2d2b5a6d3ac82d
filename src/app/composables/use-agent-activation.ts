import { ref } from 'vue';
import type { AdminAgent } from '../../domain/admin-messages';
import { useAdministration } from './use-administration';
import { onlineActionFailure } from './use-online-request';
import { useOutcome } from './use-outcome';

/**
 * An account activated or deactivated on the endpoint: `busy` while it runs,
 * then `doneText` (given the devices it cut off) or the refusal said in the
 * screen's `OutcomeMessage` and focused. `afterChange` runs once the account
 * has changed, before that is said.
 */
export function useAgentActivation(
  doneText: (agent: AdminAgent, active: boolean, revokedDevices: number) => string,
  afterChange?: () => Promise<void>,
) {
  const { updateAgent } = useAdministration();
  const busy = ref(false);
  const { outcome, outcomeMessage, say } = useOutcome();

  async function setActive(agent: AdminAgent, active: boolean): Promise<void> {
    busy.value = true;
    try {
      const { revokedDevices } = await updateAgent(agent.id, { active });
      if (afterChange) await afterChange();
      await say(true, doneText(agent, active, revokedDevices));
    } catch (error) {
      await say(false, `Modification refusée : ${onlineActionFailure(error)}`);
    } finally {
      busy.value = false;
    }
  }

  return { busy, outcome, outcomeMessage, say, setActive };
}
