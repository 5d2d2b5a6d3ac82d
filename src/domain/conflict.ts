import { z } from 'zod';
import { empty, isoDateTime, uuid } from './formats';

/**
 * A clash between two people's edits of the same field: the endpoint kept
 * one value on the record and records both here, with who typed them, until
 * a person chooses (keep one, keep the other, or type another). Created by
 * the endpoint only; resolved from a device.
 */
export const conflictResolution = z.enum(['conservee', 'remplacee', 'saisie']);

export const conflictResolutionShape = {
  status: z.enum(['ouvert', 'resolu']),
  /** conservee: the value kept on the record stays; remplacee: the other one replaces it; saisie: a third one was typed. */
  resolution: z.union([empty, conflictResolution]),
  resolvedValue: z.unknown(),
  resolvedBy: z.union([empty, uuid]),
  resolvedAt: z.union([empty, isoDateTime]),
} as const;

export const conflictSchema = z
  .object({
    id: uuid,
    youngPersonId: uuid,
    recordEntity: z.string().max(40),
    recordId: uuid,
    field: z.string().max(100),
    /** The value the record kept, and who had written it ('' when the endpoint itself did). */
    keptValue: z.unknown(),
    keptAuthorId: z.union([empty, uuid]),
    /** The value of the edit that arrived second, and who typed it. */
    otherValue: z.unknown(),
    otherAuthorId: uuid,
    /** Server time of the clash. */
    occurredAt: isoDateTime,
    ...conflictResolutionShape,
  })
  .strict();
export type Conflict = z.infer<typeof conflictSchema>;

export const conflictChangesSchema = z
  .object(conflictResolutionShape)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'Aucune modification' });

export const CONFLICT_ALREADY_RESOLVED = 'Ce conflit a déjà été résolu';

export function conflictEditRefusal(current: Pick<Conflict, 'status'>): string | null {
  return current.status === 'resolu' ? CONFLICT_ALREADY_RESOLVED : null;
}
