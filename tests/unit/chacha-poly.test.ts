import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  activeChaChaPoly,
  loadFastChaChaPoly,
  matchesNoble,
  nobleChaChaPoly,
  type ChaChaPoly,
} from '../../src/app/db/crypto/chacha-poly';
import { sodiumChaChaPoly } from '../../src/app/db/crypto/sodium-chacha-poly';
import { newDataKey, seal, SealBrokenError, unseal } from '../../src/app/db/crypto/sealing';

/**
 * Records are sealed by @noble/ciphers or by libsodium, whichever is loaded
 * (chacha-poly.ts): both must give the same bytes and open each other's, or
 * a device would hold records one of them cannot read.
 */
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

describe('ChaCha20-Poly1305 by @noble/ciphers and by libsodium', () => {
  it('seal to the same bytes, open each other’s seals and refuse any altered byte', async () => {
    const sodium = await sodiumChaChaPoly();
    fc.assert(
      fc.property(bytes(32), bytes(12), fc.uint8Array({ maxLength: 3000 }), fc.nat(), (key, nonce, plain, flip) => {
        const byNoble = nobleChaChaPoly.seal(key, nonce, plain);
        const bySodium = sodium.seal(key, nonce, plain);
        expect(bySodium).toEqual(byNoble);
        expect(byNoble.length).toBe(plain.length + 16);
        expect(sodium.open(key, nonce, byNoble)).toEqual(plain);
        expect(nobleChaChaPoly.open(key, nonce, bySodium)).toEqual(plain);
        const altered = byNoble.slice();
        altered[flip % altered.length]! ^= 1 << (flip % 8);
        expect(sodium.open(key, nonce, altered)).toBeNull();
        expect(nobleChaChaPoly.open(key, nonce, altered)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('trusts an implementation only when it seals as @noble/ciphers does and checks the tag', async () => {
    const sodium = await sodiumChaChaPoly();
    expect(matchesNoble(sodium)).toBe(true);
    const wrongBytes: ChaChaPoly = {
      ...sodium,
      seal: (k, n, p) =>
        sodium.seal(
          k,
          n.map((b) => b ^ 1),
          p,
        ),
    };
    const noTagCheck: ChaChaPoly = { ...sodium, open: (_k, _n, sealed) => sealed.subarray(0, -16) };
    expect(matchesNoble(wrongBytes)).toBe(false);
    expect(matchesNoble(noTagCheck)).toBe(false);
  });

  it('seals with libsodium once loaded, and what either sealed still opens', async () => {
    const key = newDataKey();
    const record = { lastName: 'Lefèvre', firstNames: 'Hélène', notes: 'Rappeler lundi — très motivée.' };
    const before = seal(key, record);
    expect(activeChaChaPoly().name).toBe('noble');

    expect((await loadFastChaChaPoly()).name).toBe('libsodium');
    expect(activeChaChaPoly().name).toBe('libsodium');
    const after = seal(key, record);
    expect(unseal(key, before)).toEqual(record);
    expect(unseal(key, after)).toEqual(record);
    expect(nobleChaChaPoly.open(key, after.subarray(1, 13), after.subarray(13))).not.toBeNull();
    expect(() => unseal(newDataKey(), after)).toThrow(SealBrokenError);
  });

  it('keeps sealing with @noble/ciphers, and says so, when libsodium cannot be used', async () => {
    vi.resetModules();
    vi.doMock('../../src/app/db/crypto/sodium-chacha-poly', () => ({
      sodiumChaChaPoly: () => Promise.reject(new Error('WebAssembly refused')),
    }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const fresh = await import('../../src/app/db/crypto/chacha-poly');
      expect((await fresh.loadFastChaChaPoly()).name).toBe('noble');
      expect(fresh.activeChaChaPoly().name).toBe('noble');
      expect(warn).toHaveBeenCalledOnce();
      // Tried again at the next unlock, not given up for good.
      await fresh.loadFastChaChaPoly();
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
      vi.doUnmock('../../src/app/db/crypto/sodium-chacha-poly');
      vi.resetModules();
    }
  });
});
