import { DEFAULT_NOTICE_FILE, loadNoticeTemplate, type NoticeTemplate } from './notice';

/** What the privacy rules take from the configuration (see config.ts and the README). */
export interface PrivacySettings {
  /** Years after its closing during which a case keeps its personal data (RETENTION_YEARS). */
  retentionYears: number;
  /** Days after its closing a closed case stays on devices (CLOSED_CASE_DEVICE_DAYS). */
  closedCaseDeviceDays: number;
  /** Minutes without use before the app locks (LOCK_MINUTES). */
  lockMinutes: number;
  /** The information notice, read from NOTICE_FILE at start. */
  notice: NoticeTemplate;
}

export const DEFAULT_RETENTION_YEARS = 2;
export const DEFAULT_CLOSED_CASE_DEVICE_DAYS = 30;
export const DEFAULT_LOCK_MINUTES = 10;

let shippedNotice: NoticeTemplate | undefined;

/** The defaults, with the notice shipped in config/ (read once). */
export function defaultPrivacySettings(): PrivacySettings {
  shippedNotice ??= loadNoticeTemplate(DEFAULT_NOTICE_FILE);
  return {
    retentionYears: DEFAULT_RETENTION_YEARS,
    closedCaseDeviceDays: DEFAULT_CLOSED_CASE_DEVICE_DAYS,
    lockMinutes: DEFAULT_LOCK_MINUTES,
    notice: shippedNotice,
  };
}
