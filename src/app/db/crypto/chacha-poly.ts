import { chacha20poly1305 } from '@noble/ciphers/chacha.js';

/**
 * ChaCha20-Poly1305 (RFC 8439, 96-bit nonce, no associated data) from one of
 * two audited implementations that give the same bytes for the same key,
 * nonce and content — so either opens what the other sealed, and which one
 * runs changes nothing stored:
 * - @noble/ciphers, in JavaScript: in the app's first load, always there;
 * - libsodium (libsodium.js, WebAssembly): about five times faster per call
 *   on a record's 500 bytes (2.5 µs against 13 µs in Node; what it does to
 *   a pull page: `npm run bench`), loaded at the unlock (loadFastChaChaPoly)
 *   and used once it has shown it matches @noble/ciphers.
 * Synchronous both: sealing runs inside IndexedDB transactions (sealing.ts).
 */
export interface ChaChaPoly {
  readonly name: 'noble' | 'libsodium';
  /** ciphertext ‖ 16-byte tag */
  seal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Uint8Array;
  /** The content, or null when the tag does not check (another key, altered bytes). */
  open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | null;
}

export const nobleChaChaPoly: ChaChaPoly = {
  name: 'noble',
  seal: (key, nonce, plain) => chacha20poly1305(key, nonce).encrypt(plain),
  open(key, nonce, sealed) {
    try {
      return chacha20poly1305(key, nonce).decrypt(sealed);
    } catch {
      return null;
    }
  },
};

let active: ChaChaPoly = nobleChaChaPoly;
let loading: Promise<ChaChaPoly> | null = null;

export function activeChaChaPoly(): ChaChaPoly {
  return active;
}

/**
 * Whether `candidate` seals exactly as @noble/ciphers does and opens its
 * seals, refusing an altered one: checked on fresh random input before it is
 * trusted with the device's records.
 */
export function matchesNoble(candidate: ChaChaPoly): boolean {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const plain = crypto.getRandomValues(new Uint8Array(333));
  const expected = nobleChaChaPoly.seal(key, nonce, plain);
  const sealed = candidate.seal(key, nonce, plain);
  const altered = expected.slice();
  altered[7]! ^= 1;
  const opened = candidate.open(key, nonce, expected);
  return (
    sealed.length === expected.length &&
    sealed.every((byte, index) => byte === expected[index]) &&
    opened !== null &&
    opened.length === plain.length &&
    opened.every((byte, index) => byte === plain[index]) &&
    candidate.open(key, nonce, altered) === null
  );
}

/**
 * Loads libsodium and uses it from then on, once it matches @noble/ciphers.
 * Never fails: where it cannot load (offline before it was ever fetched, an
 * old browser, WebAssembly refused), @noble/ciphers goes on sealing, slower,
 * with the same result.
 */
export function loadFastChaChaPoly(): Promise<ChaChaPoly> {
  loading ??= import('./sodium-chacha-poly')
    .then(({ sodiumChaChaPoly }) => sodiumChaChaPoly())
    .then((candidate) => {
      if (!matchesNoble(candidate)) throw new Error('libsodium does not match @noble/ciphers');
      active = candidate;
      return candidate;
    })
    .catch((error: unknown) => {
      console.warn('Raccroche : chiffrement par @noble/ciphers seul, libsodium indisponible', error);
      loading = null; // tried again at the next unlock (offline before it was ever fetched, say)
      return active;
    });
  return loading;
}
