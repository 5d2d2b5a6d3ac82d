import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';

/**
 * Sealing a record's content with the device's data key (AES-256-GCM, a new
 * 96-bit nonce each time): `nonce ‖ ciphertext+tag`.
 *
 * Synchronous on purpose (@noble/ciphers, audited, no dependencies): sealing
 * happens inside IndexedDB transactions, which commit as soon as the code
 * awaits anything that is not an IndexedDB request — WebCrypto's promises
 * would end them. WebCrypto is used where waiting is harmless: deriving and
 * wrapping the key (key-wrapping.ts).
 */
const NONCE_BYTES = 12;
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

export function seal(key: Uint8Array, content: unknown): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = gcm(key, nonce).encrypt(encoder.encode(JSON.stringify(content)));
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce);
  out.set(sealed, NONCE_BYTES);
  return out;
}

export function unseal<T = Record<string, unknown>>(key: Uint8Array, bytes: Uint8Array): T {
  try {
    const plain = gcm(key, bytes.subarray(0, NONCE_BYTES)).decrypt(bytes.subarray(NONCE_BYTES));
    return JSON.parse(decoder.decode(plain)) as T;
  } catch {
    throw new SealBrokenError();
  }
}
