import sodium from 'libsodium-wrappers';
import type { ChaChaPoly } from './chacha-poly';

/** libsodium's ChaCha20-Poly1305-IETF (RFC 8439), once its WebAssembly is ready; loaded apart (chacha-poly.ts). */
export async function sodiumChaChaPoly(): Promise<ChaChaPoly> {
  await sodium.ready;
  return {
    name: 'libsodium',
    seal: (key, nonce, plain) => sodium.crypto_aead_chacha20poly1305_ietf_encrypt(plain, null, null, nonce, key),
    open(key, nonce, sealed) {
      try {
        return sodium.crypto_aead_chacha20poly1305_ietf_decrypt(null, sealed, null, nonce, key);
      } catch {
        return null;
      }
    },
  };
}
