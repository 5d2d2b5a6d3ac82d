import type { GuardianRelation, SchoolLevel, Sex } from '../enums';
import { isRealIsoDate } from '../formats';

/**
 * Values as spreadsheets write them, read into the form the records keep.
 * Each reader returns the canonical value, or what went wrong in French.
 */

export type Reading = { value: string } | { problem: string };

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Spaces collapsed, ends trimmed (a cell often carries a stray space or a line break). */
export function cleanText(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * JJ/MM/AAAA (also J/M/AAAA, with - or . between, a time after it as some
 * exports add, or already AAAA-MM-JJ) → AAAA-MM-JJ. A two-digit year is not
 * guessed: 08 could be 1908 or 2008.
 */
export function readFrenchDate(raw: string): Reading {
  const value = raw.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  let day: string;
  if (french) {
    if (french[3]!.length === 2) return { problem: 'année sur deux chiffres : écrire JJ/MM/AAAA' };
    day = `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
  } else if (iso) {
    day = `${iso[1]}-${iso[2]}-${iso[3]}`;
  } else {
    return { problem: 'date illisible, format attendu : JJ/MM/AAAA' };
  }
  return isRealIsoDate(day) ? { value: day } : { problem: 'date impossible' };
}

/** Spaces and dots removed, upper-case: "123 456 789 0a" → "1234567890A". */
export function readIdentifier(raw: string): string {
  return raw.replace(/[\s.]/g, '').toUpperCase();
}

/**
 * A phone number, written as "06 12 34 56 78". A spreadsheet that took it for
 * a number dropped its leading zero ("612345678"): put back; "0033…" is "+33…".
 */
export function readPhone(raw: string): string {
  const compact = raw.replace(/[\s.\-()/]/g, '');
  if (compact === '') return '';
  let digits = compact;
  if (/^00\d{8,15}$/.test(digits)) digits = `+${digits.slice(2)}`;
  if (/^[1-9]\d{8}$/.test(digits)) digits = `0${digits}`;
  if (/^0\d{9}$/.test(digits)) return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  return /^\+\d{8,15}$/.test(digits) ? digits : raw.trim();
}

/** A postal code whose leading zero a spreadsheet dropped ("1000" for Ain's 01000) gets it back. */
export function readPostalCode(raw: string): string {
  const value = raw.replace(/\s/g, '').toUpperCase();
  return /^\d{4}$/.test(value) ? `0${value}` : value;
}

const SEX_WORDS: Record<string, Sex> = {
  f: 'F',
  fem: 'F',
  feminin: 'F',
  femme: 'F',
  fille: 'F',
  mme: 'F',
  madame: 'F',
  mlle: 'F',
  '2': 'F',
  m: 'M',
  masc: 'M',
  masculin: 'M',
  homme: 'M',
  garcon: 'M',
  mr: 'M',
  monsieur: 'M',
  '1': 'M',
};

/** F or M ("Féminin", "Fille", "Mme", INSEE's 2…); '' when empty. */
export function readSex(raw: string): Reading {
  const folded = fold(raw);
  if (folded === '') return { value: '' };
  const sex = SEX_WORDS[folded];
  return sex ? { value: sex } : { problem: 'sexe non reconnu, F ou M attendu' };
}

const LEVEL_WORDS: Record<string, SchoolLevel> = {
  '1': 'infra_3',
  '2': 'infra_3',
  infra: 'infra_3',
  'infra 3': 'infra_3',
  'infra niveau 3': 'infra_3',
  'sans qualification': 'infra_3',
  college: 'infra_3',
  '3e': 'infra_3',
  '3eme': 'infra_3',
  vi: 'infra_3',
  'v bis': 'infra_3',
  vbis: 'infra_3',
  '3': 'niveau_3',
  'niveau 3': 'niveau_3',
  n3: 'niveau_3',
  cap: 'niveau_3',
  bep: 'niveau_3',
  'cap bep': 'niveau_3',
  v: 'niveau_3',
  '4': 'niveau_4',
  'niveau 4': 'niveau_4',
  n4: 'niveau_4',
  bac: 'niveau_4',
  baccalaureat: 'niveau_4',
  'bac pro': 'niveau_4',
  iv: 'niveau_4',
  '5': 'niveau_5',
  'niveau 5': 'niveau_5',
  n5: 'niveau_5',
  'bac 2': 'niveau_5',
  bts: 'niveau_5',
  iii: 'niveau_5',
};

/** The nomenclature's level ("3", "Niveau 4", "CAP", "V"…); a bracketed detail is ignored. */
export function readLevel(raw: string): Reading {
  const folded = fold(raw.replace(/\([^)]*\)/g, ' '));
  if (folded === '') return { value: '' };
  const level = LEVEL_WORDS[folded];
  return level ? { value: level } : { problem: 'niveau non reconnu, 3, 4, 5 ou infra 3 attendu' };
}

const RELATION_WORDS: Record<string, GuardianRelation> = {
  mere: 'mere',
  pere: 'pere',
  tuteur: 'tuteur',
  tutrice: 'tuteur',
  'tuteur legal': 'tuteur',
  'tutrice legale': 'tuteur',
};

/** A guardian's relation; anything else given is "autre", nothing given is ''. */
export function readRelation(raw: string): string {
  const folded = fold(raw);
  if (folded === '') return '';
  return RELATION_WORDS[folded] ?? 'autre';
}

/**
 * "Sophie MARTIN (mère)" → the name and the relation in brackets, when the
 * list writes them in one cell.
 */
export function splitGuardianName(raw: string): { name: string; relation: string } {
  const match = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(raw.trim());
  if (!match) return { name: cleanText(raw), relation: '' };
  const relation = readRelation(match[2]!);
  return relation === 'autre' ? { name: cleanText(raw), relation: '' } : { name: cleanText(match[1]!), relation };
}
