import { describe, expect, it } from 'vitest';
import { closedCasesToRemove, type ClosedCaseCandidate } from '../../src/domain/device-retention';

/** Which closed cases leave the device: closed for more than N days, nothing of them left to send. */
describe('closed cases leaving the device', () => {
  const closed = (id: string, closedOn: string): ClosedCaseCandidate => ({ id, status: 'clos', closedOn });

  it('removes a case closed more than N days ago, not one closed N days ago or less', () => {
    const cases = [closed('31-jours', '2026-09-04'), closed('30-jours', '2026-09-05'), closed('hier', '2026-10-04')];
    expect(closedCasesToRemove(cases, new Set(), 30, '2026-10-05')).toEqual(['31-jours']);
  });

  it('keeps open cases, whatever their dates, and closed cases with a change left to send', () => {
    const cases = [
      { id: 'ouvert', status: 'en_solution', closedOn: '' },
      { id: 'rouvert-par-erreur', status: 'entretien', closedOn: '2020-01-01' },
      closed('en-attente', '2020-01-01'),
      closed('parti', '2020-01-01'),
    ];
    expect(closedCasesToRemove(cases, new Set(['en-attente']), 30, '2026-10-05')).toEqual(['parti']);
  });

  it('keeps a closed case whose closing date is missing or not a date', () => {
    expect(
      closedCasesToRemove([closed('sans-date', ''), closed('faux', '2026-02-30')], new Set(), 0, '2026-10-05'),
    ).toEqual([]);
  });

  it('removes a case closed before today at once with 0 days, across months and leap years', () => {
    expect(
      closedCasesToRemove([closed('hier', '2026-10-04'), closed('ce-jour', '2026-10-05')], new Set(), 0, '2026-10-05'),
    ).toEqual(['hier']);
    // 29 February 2028 + 30 days = 30 March: removed from 31 March.
    const leap = [closed('bissextile', '2028-02-29')];
    expect(closedCasesToRemove(leap, new Set(), 30, '2028-03-30')).toEqual([]);
    expect(closedCasesToRemove(leap, new Set(), 30, '2028-03-31')).toEqual(['bissextile']);
  });
});
