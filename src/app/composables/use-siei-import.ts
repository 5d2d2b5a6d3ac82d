import { computed, ref, shallowRef } from 'vue';
import { campaign as campaignFormat } from '../../domain/formats';
import {
  importApplyResponseSchema,
  importPreviewResponseSchema,
  type ImportApplyResponse,
  type ImportPreviewResponse,
  type RowOutcome,
} from '../../domain/siei/messages';
import type { SieiFileReading } from '../../domain/siei/read-file';
import type { ImportRow, RejectedRow } from '../../domain/siei/row';
import { todayIso } from '../../domain/young-person';
import { api } from '../sync/api';
import { readSieiFileOffThread } from './siei-file-reader';
import { onlineActionFailure } from './use-online-request';

/** A row of the preview: what the file says and what the endpoint found. */
export interface PreviewRow extends RowOutcome {
  row: ImportRow;
}

/** Rows as sent: values left empty are left out (the endpoint puts them back), which halves a big list. */
const compact = (rows: readonly ImportRow[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));

/**
 * The steps of a SIEI import, on the coordinator's screen:
 * 1. choose the campaign and the file; the file is read off the main thread
 *    (progress shown) into rows, rejected rows and warnings;
 * 2. the rows go to the endpoint, which tells each one's fate: the preview,
 *    with nothing written;
 * 3. the coordinator confirms: the endpoint applies the import under an id
 *    chosen here once per preview, so a confirmation sent again (a click
 *    during a slow answer, a retry after a lost one) imports it once.
 */
export function useSieiImport() {
  const campaign = ref(todayIso().slice(0, 7));
  const campaignError = ref('');
  const fileName = ref('');
  const progress = ref<number | null>(null);
  const reading = shallowRef<SieiFileReading | null>(null);
  const fileError = ref('');
  const preview = shallowRef<ImportPreviewResponse | null>(null);
  const result = shallowRef<ImportApplyResponse | null>(null);
  const failure = ref('');
  const busy = ref(false);
  /** The endpoint is comparing the rows with the platform's young people (seconds for a large list). */
  const previewing = ref(false);
  let importId = '';

  function checkCampaign(): boolean {
    const checked = campaignFormat.safeParse(campaign.value);
    campaignError.value =
      campaign.value.trim() === ''
        ? 'La campagne SIEI est obligatoire (AAAA-MM)'
        : checked.success
          ? ''
          : (checked.error.issues[0]?.message ?? '');
    return campaignError.value === '';
  }

  function reset(): void {
    fileName.value = '';
    progress.value = null;
    reading.value = null;
    fileError.value = '';
    preview.value = null;
    result.value = null;
    failure.value = '';
  }

  async function askPreview(): Promise<void> {
    if (!reading.value || reading.value.rows.length === 0) return;
    busy.value = true;
    previewing.value = true;
    failure.value = '';
    try {
      preview.value = await api.post(
        '/api/imports/preview',
        { campaign: campaign.value.trim(), rows: compact(reading.value.rows) },
        importPreviewResponseSchema,
      );
      importId = crypto.randomUUID();
    } catch (error) {
      failure.value = onlineActionFailure(error);
    } finally {
      busy.value = false;
      previewing.value = false;
    }
  }

  /** Step 1 then 2. */
  async function chooseFile(file: File): Promise<void> {
    reset();
    if (!checkCampaign()) return;
    fileName.value = file.name;
    progress.value = 0;
    busy.value = true;
    try {
      const read = await readSieiFileOffThread(file, (share) => {
        progress.value = share;
      });
      if (!read.ok) fileError.value = read.error;
      else reading.value = read.reading;
    } catch (error) {
      fileError.value = `Lecture du fichier impossible : ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      busy.value = false;
      progress.value = null;
    }
    await askPreview();
  }

  /** Step 3. */
  async function confirm(): Promise<void> {
    if (!reading.value || !preview.value || busy.value) return;
    busy.value = true;
    failure.value = '';
    try {
      result.value = await api.post(
        '/api/imports',
        {
          importId,
          fileName: fileName.value,
          campaign: campaign.value.trim(),
          rejectedInFile: reading.value.rejected.length,
          rows: compact(reading.value.rows),
        },
        importApplyResponseSchema,
      );
    } catch (error) {
      failure.value = onlineActionFailure(error);
    } finally {
      busy.value = false;
    }
  }

  /** The preview's rows with what the file says of them, in file order. */
  const previewRows = computed<PreviewRow[]>(() => {
    if (!reading.value || !preview.value) return [];
    const byLine = new Map(reading.value.rows.map((row) => [row.line, row]));
    return preview.value.rows.flatMap((outcome) => {
      const row = byLine.get(outcome.line);
      return row ? [{ ...outcome, row }] : [];
    });
  });

  /** Rows rejected while reading the file, and any the endpoint refused, by line. */
  const rejectedRows = computed<RejectedRow[]>(() => {
    const refused = previewRows.value
      .filter((row) => row.category === 'rejected')
      .map((row) => ({
        line: row.line,
        name: `${row.row.lastName} ${row.row.firstNames}`.trim(),
        reasons: row.reasons,
      }));
    return [...(reading.value?.rejected ?? []), ...refused].sort((a, b) => a.line - b.line);
  });

  return {
    campaign,
    campaignError,
    checkCampaign,
    fileName,
    progress,
    reading,
    fileError,
    preview,
    previewRows,
    rejectedRows,
    result,
    failure,
    busy,
    previewing,
    chooseFile,
    askPreview,
    confirm,
    reset,
  };
}
