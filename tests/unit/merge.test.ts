import { describe, expect, it } from 'vitest';
import { mergeFields, sameValue, stampAll, type FieldStamps } from '../../src/domain/merge';

const TABLET = 'device-tablet';
const LAPTOP = 'device-laptop';

/** A record created at version 1 by the server, then edited by the laptop at version 2 (phone). */
const current = { phone: '06 00 00 00 02', commune: 'Lyon', status: 'joint', guardians: [{ name: 'Anne' }] };
const stamps: FieldStamps = {
  ...stampAll({ commune: 'Lyon', status: 'joint', guardians: [] }, 'server', 1),
  phone: { v: 2, d: LAPTOP },
};

/** The tablet's edit made at version 3 on base version 1 of that record, unless told otherwise. */
const merge = (edit: Partial<Parameters<typeof mergeFields>[0]> & { changes: Record<string, unknown> }) =>
  mergeFields({ current, stamps, baseVersion: 1, deviceId: TABLET, version: 3, ...edit });

describe('mergeFields', () => {
  it('applies a field nobody changed since the base version, and stamps it', () => {
    const result = merge({ changes: { commune: 'Bron' } });
    expect(result.conflicts).toEqual([]);
    expect(result.next).toEqual({ ...current, commune: 'Bron' });
    expect(result.stamps.commune).toEqual({ v: 3, d: TABLET });
    expect(result.stamps.phone).toEqual(stamps.phone);
  });

  it('keeps the server value of a field changed by another device since the base, and returns both values', () => {
    const result = merge({ changes: { phone: '06 00 00 00 03', commune: 'Bron' } });
    expect(result.conflicts).toEqual([
      { field: 'phone', serverValue: '06 00 00 00 02', deviceValue: '06 00 00 00 03' },
    ]);
    expect(result.next.phone).toBe('06 00 00 00 02');
    expect(result.stamps.phone).toEqual({ v: 2, d: LAPTOP });
    expect(result.next.commune).toBe('Bron'); // the rest of the edit still applies
  });

  it('applies an edit made on a base that already includes the other change', () => {
    const result = merge({ changes: { phone: '06 00 00 00 03' }, baseVersion: 2 });
    expect(result.conflicts).toEqual([]);
    expect(result.next.phone).toBe('06 00 00 00 03');
  });

  it('never puts a device in conflict with its own earlier edit', () => {
    const result = merge({ changes: { phone: '06 00 00 00 04' }, deviceId: LAPTOP });
    expect(result.conflicts).toEqual([]);
    expect(result.next.phone).toBe('06 00 00 00 04');
    expect(result.stamps.phone).toEqual({ v: 3, d: LAPTOP });
  });

  it('sees no conflict when the other device set the same value, structured values included', () => {
    const same = merge({ changes: { phone: '06 00 00 00 02' } });
    expect(same.conflicts).toEqual([]);
    const guardiansStamps: FieldStamps = { ...stamps, guardians: { v: 2, d: LAPTOP } };
    const sameList = merge({ stamps: guardiansStamps, changes: { guardians: [{ name: 'Anne' }] } });
    expect(sameList.conflicts).toEqual([]);
  });

  it('leaves the field to its writer when a stale edit sends the value it already holds', () => {
    // The tablet, which never saw the laptop's phone, happens to type the same number.
    const stale = merge({ changes: { phone: '06 00 00 00 02' } });
    expect(stale.stamps.phone).toEqual({ v: 2, d: LAPTOP });
    // So the laptop, which saw its own number, may change it again without a conflict.
    const again = merge({
      current: stale.next,
      stamps: stale.stamps,
      changes: { phone: '06 00 00 00 04' },
      baseVersion: 2,
      deviceId: LAPTOP,
      version: 4,
    });
    expect(again.conflicts).toEqual([]);
    expect(again.next.phone).toBe('06 00 00 00 04');
  });

  it('applies a field that has no stamp yet', () => {
    const result = merge({ stamps: {}, changes: { email: 'lea@example.org' }, baseVersion: 0 });
    expect(result.next.email).toBe('lea@example.org');
    expect(result.stamps.email).toEqual({ v: 3, d: TABLET });
  });

  it('does not modify its inputs', () => {
    const before = structuredClone({ current, stamps });
    merge({ changes: { phone: 'x', commune: 'y' } });
    expect({ current, stamps }).toEqual(before);
  });
});

describe('stampAll and sameValue', () => {
  it('stamps every field of a created record with its device and version', () => {
    expect(stampAll({ a: 1, b: '' }, TABLET, 7)).toEqual({ a: { v: 7, d: TABLET }, b: { v: 7, d: TABLET } });
  });

  it('compares values by content', () => {
    expect(sameValue([{ name: 'Anne' }], [{ name: 'Anne' }])).toBe(true);
    expect(sameValue([{ name: 'Anne' }], [{ name: 'Anne' }, { name: 'Paul' }])).toBe(false);
    expect(sameValue('', null)).toBe(false);
  });
});

describe('sameValue', () => {
  it('compares objects whatever the order of their keys, as stored by jsonb', () => {
    expect(sameValue({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});
