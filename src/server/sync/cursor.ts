import { z } from 'zod';
import { HttpError } from '../http/http-error';

/**
 * The pull cursor is opaque to devices. It holds the platform it was read on
 * and the last version seen; a cursor of another platform starts over.
 */
const cursorSchema = z.object({ p: z.string(), v: z.number().int().nonnegative() });

export function encodeCursor(platformId: string, version: number): string {
  return Buffer.from(JSON.stringify({ p: platformId, v: version })).toString('base64url');
}

export function decodeCursor(cursor: string | null, platformId: string): number {
  if (cursor === null) return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) throw new HttpError(400, 'invalid_cursor', 'Curseur de synchronisation invalide');
  return parsed.data.p === platformId ? parsed.data.v : 0;
}
