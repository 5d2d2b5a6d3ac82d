import { foldForSearch } from './search';

/**
 * The password policy, shared by the endpoint (which enforces it) and the app
 * (which can tell the user before sending). Length matters most against
 * guessing; the other rules only refuse what a guesser tries first.
 */
export const PASSWORD_MIN_LENGTH = 12;

/** Bases every guesser tries, refused once digits and signs are taken off ("Motdepasse2026!"). */
const COMMON_BASES = new Set([
  'motdepasse',
  'password',
  'azerty',
  'qwerty',
  'bonjour',
  'soleil',
  'admin',
  'administrateur',
  'utilisateur',
  'raccroche',
  'education',
  'academie',
]);

/** Rows and runs a hand types without thinking (both directions are checked). */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertyuiopasdfghjklzxcvbnm',
];

/** A short pattern repeated ("aaaaaaaaaaaa", "abcabcabcabc", "121212121212"). */
function isRepetition(text: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const pattern = text.slice(0, size);
    if (pattern.repeat(Math.ceil(text.length / size)).slice(0, text.length) === text) return true;
  }
  return false;
}

function isSequence(text: string): boolean {
  const reversed = [...text].reverse().join('');
  return SEQUENCES.some((row) => row.includes(text) || row.includes(reversed));
}

/** Letters and digits only, folded (no accents, lower case): "Azerty-1234!" → "azerty1234". */
function core(text: string): string {
  return foldForSearch(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Signs and digits written for the letters they look like ("P@ssw0rd"). */
const LOOK_ALIKES: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  $: 's',
  '5': 's',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  '7': 't',
};

/**
 * A common word with digits and signs around it ("Motdepasse2026!",
 * "Azerty-123456"), or spelt with look-alikes and at most 3 other letters
 * ("P@ssw0rd-2026").
 */
function isCommonWord(password: string): boolean {
  if (COMMON_BASES.has(core(password).replace(/\p{N}/gu, ''))) return true;
  const letters = foldForSearch(password)
    .replace(/[@4$501!37]/g, (sign) => LOOK_ALIKES[sign] ?? sign)
    .replace(/\P{L}/gu, '');
  return [...COMMON_BASES].some((base) => letters.includes(base) && letters.length - base.length <= 3);
}

/**
 * What is wrong with a password, in French, one sentence per rule broken
 * (empty: it passes). `email` is the account's: the password must not be it
 * nor contain its local part.
 */
export function passwordPolicyProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push(`Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères`);
  }
  if (/^\p{L}+$/u.test(password)) problems.push('Le mot de passe ne doit pas contenir que des lettres');
  if (/^\p{N}+$/u.test(password)) problems.push('Le mot de passe ne doit pas contenir que des chiffres');

  const folded = core(password);
  if (email) {
    const address = core(email);
    const localPart = core(email.split('@')[0] ?? '');
    if (folded === address || (localPart.length >= 3 && folded.includes(localPart))) {
      problems.push('Le mot de passe ne doit pas reprendre votre adresse électronique');
    }
  }
  const letters = folded.replace(/\p{N}/gu, '');
  const trivialLetters = letters.length >= 4 && isSequence(letters);
  if (isRepetition(folded) || isSequence(folded) || trivialLetters || isCommonWord(password)) {
    problems.push('Le mot de passe est trop simple à deviner (suite, répétition ou mot courant)');
  }
  return problems;
}
