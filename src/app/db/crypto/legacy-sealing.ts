import { gcm } from '@noble/ciphers/aes.js';

/**
 * How the first versions sealed records: AES-256-GCM, `nonce ‖ ciphertext+tag`
 * (see sealing.ts for why it changed). Loaded only to seal such a device
 * anew at its first unlock; throws when the tag does not match.
 */
const NONCE_BYTES = 12;

export function openAesGcm(key: Uint8Array, bytes: Uint8Array): Uint8Array {
  return gcm(key, bytes.subarray(0, NONCE_BYTES)).decrypt(bytes.subarray(NONCE_BYTES));
}
