import {
  AUDIT_TIME_ZONE,
  auditActionLabel,
  mutationOpLabel,
  mutationStatusLabel,
  recordKindLabel,
} from '../../domain/audit-messages';
import { role } from '../../domain/enums';
import { frenchCsv } from '../csv/french-csv';
import type { AuditRow } from '../store/audit-repo';

/**
 * The audit export as a spreadsheet opens it in France (see french-csv.ts),
 * with French column names and French dates in AUDIT_TIME_ZONE.
 */
const COLUMNS = ['date', 'agent', 'rôle', 'plateforme', 'appareil', 'action', 'type de fiche', 'fiche', 'détail'];

const frenchDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: AUDIT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const isKey = <T extends object>(labels: T, key: string | null): key is Extract<keyof T, string> =>
  key !== null && Object.hasOwn(labels, key);

function actionText(row: AuditRow): string {
  if (row.source === 'event') return isKey(auditActionLabel, row.action) ? auditActionLabel[row.action] : row.action;
  return isKey(mutationOpLabel, row.action) ? mutationOpLabel[row.action] : row.action;
}

/** A mutation: its result and reason, and for an edit the fields it changed (their values are not exported). */
function detailText(row: AuditRow): string {
  if (row.source === 'event') return JSON.stringify(row.details ?? {});
  const status = isKey(mutationStatusLabel, row.status) ? mutationStatusLabel[row.status] : (row.status ?? '');
  const parts = [row.reason ? `${status} : ${row.reason}` : status];
  if (row.action === 'update' && row.fields) parts.push(`champs : ${row.fields}`);
  return parts.join(' – ');
}

function line(row: AuditRow): (string | null)[] {
  const agent = row.agentName ? `${row.agentName} <${row.agentEmail ?? ''}>` : '';
  const device = row.deviceId ? `${row.deviceName ?? ''} (${row.deviceId})` : '';
  return [
    frenchDateTime.format(new Date(row.at)),
    agent,
    row.role ? role.label(row.role) : '',
    row.platformName,
    device,
    actionText(row),
    isKey(recordKindLabel, row.entity) ? recordKindLabel[row.entity] : row.entity,
    row.recordId,
    detailText(row),
  ];
}

export function auditCsv(rows: readonly AuditRow[]): string {
  return frenchCsv(COLUMNS, rows.map(line));
}
