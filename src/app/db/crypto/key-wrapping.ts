/**
 * The data key never rests in clear: it is kept wrapped (AES-GCM, WebCrypto)
 * by a key derived from the user's PIN and, separately, from their password
 * (argon2id, memory-hard). Unlocking unwraps it into memory; locking forgets it.
 *
 * Cost (documented in the README): argon2id with 32 MiB and 3 passes — about
 * 0.2 s on this machine, a few tenths of a second on a tablet. A 6-digit PIN
 * alone would still fall to an offline search over the copied database in
 * days; what protects it is that the PIN only ever opens the device's own
 * copy, that a handful of wrong PINs wipes it, and that the data key is also
 * wrapped by the (long) password, not the PIN, for recovery.
 */
export const KDF_PARAMS = { memorySize: 32 * 1024, iterations: 3, parallelism: 1 } as const;

export interface WrappedKey {
  salt: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: Uint8Array<ArrayBuffer>;
}

/** A copy in a plain ArrayBuffer, as WebCrypto's typings ask. */
const bytes = (from: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(from);

async function deriveWrappingKey(secret: string, salt: Uint8Array): Promise<CryptoKey> {
  // Loaded when a PIN is set or typed, not with the app's first screen.
  const { argon2id } = await import('hash-wasm');
  const raw = await argon2id({ password: secret, salt, ...KDF_PARAMS, hashLength: 32, outputType: 'binary' });
  return crypto.subtle.importKey('raw', bytes(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function wrapDataKey(dataKey: Uint8Array, secret: string): Promise<WrappedKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrappingKey = await deriveWrappingKey(secret, salt);
  const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, wrappingKey, bytes(dataKey)));
  return { salt, iv, wrapped };
}

/** The data key, or null when the secret is wrong (the GCM tag does not match). */
export async function unwrapDataKey(wrappedKey: WrappedKey, secret: string): Promise<Uint8Array | null> {
  const wrappingKey = await deriveWrappingKey(secret, wrappedKey.salt);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: wrappedKey.iv }, wrappingKey, wrappedKey.wrapped),
    );
  } catch {
    return null;
  }
}
