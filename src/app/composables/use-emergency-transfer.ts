import { ref } from 'vue';
import { version as appVersion } from '../../../package.json';
import { emergencyExportFileName, parseEmergencyExport, type EmergencyExport } from '../../domain/emergency-export';
import { queueEmergencyExportEvent } from '../db/audit-events';
import { buildEmergencyExport } from '../db/export';
import { appDb } from '../db/instance';
import { useSyncStore } from '../stores/sync';
import { ApiFailure } from '../sync/api-client';
import { api } from '../sync/api';
import { ImportRefusal, importEmergencyExport, type ImportReport } from '../sync/emergency-import';
import { errorMessage } from './format';

/** Offers a text as a file to save (the browser's download). */
function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The emergency export: everything not yet synced, saved to a file. */
export function useEmergencyExport() {
  const exporting = ref(false);
  const exported = ref<{ file: EmergencyExport; name: string } | null>(null);
  const error = ref('');

  async function exportUnsynced(): Promise<void> {
    exporting.value = true;
    error.value = '';
    try {
      const file = await buildEmergencyExport(appDb, appVersion);
      const name = emergencyExportFileName(new Date(file.exportedAt));
      saveFile(name, JSON.stringify(file, null, 2));
      // Reported to the audit trail at the next sync; a storage too full to note it does not undo the saved file.
      await queueEmergencyExportEvent(appDb, file).catch(() => undefined);
      exported.value = { file, name };
    } catch (failure) {
      exported.value = null;
      error.value = `Export impossible : ${errorMessage(failure)}`;
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, exported, error, exportUnsynced };
}

function importFailureText(failure: unknown): string {
  if (failure instanceof ImportRefusal) return failure.message;
  if (failure instanceof ApiFailure && failure.kind === 'offline') {
    return (
      'Pas de connexion au serveur : les modifications d’un autre appareil lui sont transmises. ' +
      'Importez le fichier à nouveau une fois connecté (rien ne sera appliqué deux fois).'
    );
  }
  return `Import impossible : ${errorMessage(failure)}`;
}

/** The import of an emergency export chosen by the user, then a sync. */
export function useEmergencyImport() {
  const sync = useSyncStore();
  const importing = ref(false);
  const report = ref<(ImportReport & { exportedAt: string }) | null>(null);
  const error = ref('');

  async function importFile(chosen: File): Promise<void> {
    importing.value = true;
    error.value = '';
    report.value = null;
    try {
      const parsed = parseEmergencyExport(await chosen.text());
      if (!parsed.ok) {
        error.value = parsed.error;
        return;
      }
      report.value = { ...(await importEmergencyExport(appDb, api, parsed.file)), exportedAt: parsed.file.exportedAt };
      void sync.syncNow();
    } catch (failure) {
      error.value = importFailureText(failure);
    } finally {
      importing.value = false;
    }
  }

  return { importing, report, error, importFile };
}
