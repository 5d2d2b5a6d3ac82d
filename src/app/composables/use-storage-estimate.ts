import { ref } from 'vue';
import { estimateStorage, type StorageEstimate } from '../pwa/persistent-storage';

const megabytes = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Bytes in megabytes, as French users read them: "12,3 Mo". */
export function formatMegabytes(bytes: number): string {
  return `${megabytes.format(bytes / (1024 * 1024))} Mo`;
}

/** The space this app uses on the device and what remains, read at once and again on demand. */
export function useStorageEstimate() {
  const estimate = ref<StorageEstimate | null>(null);
  const read = ref(false);

  async function refresh(): Promise<void> {
    estimate.value = await estimateStorage();
    read.value = true;
  }
  void refresh();

  return { estimate, read, refresh };
}
