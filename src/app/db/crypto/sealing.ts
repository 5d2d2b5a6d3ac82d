import { randomBytes } from '@noble/ciphers/utils.js';
import { activeChaChaPoly } from './chacha-poly';

/**
 * Sealing a record's content with the device's data key: ChaCha20-Poly1305
 * (RFC 8439), a new 96-bit nonce each time, `0xC2 ‖ nonce ‖ ciphertext+tag`.
 *
 * Synchronous on purpose (@noble/ciphers, or libsodium once loaded: see
 * chacha-poly.ts): sealing happens inside IndexedDB transactions, which
 * commit as soon as the code awaits anything that is not an IndexedDB
 * request — WebCrypto's promises would end them. WebCrypto is used where
 * waiting is harmless: deriving and wrapping the key (key-wrapping.ts).
 *
 * Why ChaCha20-Poly1305 and not AES-GCM (used by the first versions,
 * `nonce ‖ ciphertext+tag` without the leading byte): in JavaScript, without
 * AES instructions, AES-GCM prepares its GHASH tables for each record sealed
 * or opened, which made reading 3,000 cases several times slower than
 * reading them in clear (`npm run bench`); ChaCha20 is plain 32-bit
 * arithmetic. A device sealed with AES-GCM is sealed anew at its first unlock
 * (device-lock.ts): the AES-GCM opener (legacy-sealing.ts) is loaded then
 * only, and stays out of the app's first load.
 */
const NONCE_BYTES = 12;
const CHACHA = 0xc2;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class SealBrokenError extends Error {
  constructor() {
    super('Données illisibles avec la clé de cet appareil');
  }
}

export function newDataKey(): Uint8Array {
  return randomBytes(32);
}

/**
 * Nonces drawn from the system's random source a thousand at a time, each
 * used once: one call to `getRandomValues` cost about a quarter of sealing a
 * young person (6 µs of 25, `npm run bench`). The same 96 random bits as one
 * draw per record; a used part of the pool is never handed out again.
 */
const NONCES_PER_DRAW = 1024;
let noncePool = new Uint8Array(0);
let nonceOffset = 0;

function nextNonce(): Uint8Array {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
    nonceOffset = 0;
  }
  const nonce = noncePool.subarray(nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

export function seal(key: Uint8Array, content: unknown): Uint8Array {
  const nonce = nextNonce();
  const sealed = activeChaChaPoly().seal(key, nonce, encoder.encode(JSON.stringify(content)));
  const out = new Uint8Array(1 + NONCE_BYTES + sealed.length);
  out[0] = CHACHA;
  out.set(nonce, 1);
  out.set(sealed, 1 + NONCE_BYTES);
  return out;
}

/** Opens a content sealed the way of the first versions (see legacy-sealing.ts); throws if it does not open. */
export type LegacyOpener = (key: Uint8Array, bytes: Uint8Array) => Uint8Array;

function openChaCha(key: Uint8Array, bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] !== CHACHA) return null;
  // null also when not sealed this way: an AES-GCM content that happens to begin with this byte.
  return activeChaChaPoly().open(key, bytes.subarray(1, 1 + NONCE_BYTES), bytes.subarray(1 + NONCE_BYTES));
}

export function unseal<T = Record<string, unknown>>(key: Uint8Array, bytes: Uint8Array, legacy?: LegacyOpener): T {
  try {
    const plain = openChaCha(key, bytes) ?? legacy?.(key, bytes);
    if (!plain) throw new SealBrokenError();
    return JSON.parse(decoder.decode(plain)) as T;
  } catch {
    throw new SealBrokenError();
  }
}
