import { z } from 'zod';
import './zod-locale';

/**
 * Field formats shared by every record. Messages are French: they are shown
 * to users as-is, next to the field they concern.
 */

/** INE: 10 digits + 1 letter, or 9 digits + 2 letters. Stored upper-case. */
export const INE_PATTERN = /^(\d{10}[A-Z]|\d{9}[A-Z]{2})$/;
/** UAI (school identifier): 7 digits + 1 letter. */
export const UAI_PATTERN = /^\d{7}[A-Z]$/;
export const POSTAL_CODE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;
/** A French number (10 digits from 0) or an international one (+ and 8–15 digits), separators ignored. */
const PHONE_PATTERN = /^(0\d{9}|\+\d{8,15})$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CAMPAIGN_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Text typed by a person: trimmed, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au maximum` });

export const requiredText = (max: number, what: string) => text(max).min(1, { error: `${what} est obligatoire` });

/** An optional value is the empty string when absent (forms and field merges stay simple). */
export const empty = z.literal('');

export const isoDate = z
  .string()
  .trim()
  // abort: checks chained on a date (e.g. an age range) would only add a misleading second message.
  .refine(isRealIsoDate, { error: 'Date invalide (format attendu : JJ/MM/AAAA)', abort: true });

export const ine = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === '' || INE_PATTERN.test(v), {
    error: 'INE invalide : 10 chiffres et une lettre, ou 9 chiffres et deux lettres',
  });

export const uai = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === '' || UAI_PATTERN.test(v), { error: 'UAI invalide : 7 chiffres et une lettre' });

export const postalCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === '' || POSTAL_CODE_PATTERN.test(v), { error: 'Code postal invalide : 5 chiffres' });

export const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || PHONE_PATTERN.test(v.replace(/[\s.\-()]/g, '')), {
    error: 'Numéro de téléphone invalide (ex. 06 12 34 56 78)',
  });

export const email = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || z.email().safeParse(v).success, { error: 'Adresse électronique invalide' });

export const campaign = z
  .string()
  .trim()
  .refine((v) => v === '' || CAMPAIGN_PATTERN.test(v), { error: 'Campagne invalide (format attendu : AAAA-MM)' });

export const uuid = z.uuid({ error: 'Identifiant invalide' });

/** Whole years between a birth date and a day (both ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A moment as an ISO 8601 timestamp (device time for display; ordering uses server versions). */
export const isoDateTime = z.iso.datetime({ offset: true, error: 'Date et heure invalides' });

/** Long free text typed during an interview: generous, but bounded. */
export const longText = (max = 20_000) => text(max);
