/**
 * A generated SIEI list as Excel writes it in a French locale (Windows-1252,
 * ';', CRLF, quoted cells where needed): `count` distinct young people, from
 * a fixed seed so every run reads the same file. Used by the 20,000-row
 * measurements and tests.
 */

const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'N’Diaye',
  'Benali',
];
const FIRST_NAMES = [
  'Léa',
  'Hugo',
  'Chloé',
  'Lucas',
  'Inès',
  'Nathan',
  'Manon',
  'Théo',
  'Jade',
  'Enzo',
  'Zoé',
  'Louis',
  'Camille',
  'Mathis',
  'Sarah',
  'Noah',
  'Anaïs',
  'Yanis',
  'Emma',
  'Rayan',
  'Océane',
  'Kylian',
  'Héloïse',
  'Jérémy',
];
const COMMUNES = [
  ['59000', 'Lille'],
  ['59100', 'Roubaix'],
  ['59200', 'Tourcoing'],
  ['59300', 'Valenciennes'],
  ['59140', 'Dunkerque'],
  ['59400', 'Cambrai'],
  ['59500', 'Douai'],
  ['59600', 'Maubeuge'],
] as const;
const LEVELS = ['3', '4', 'infra 3', '5'];
const REASONS = ['Abandon en cours d’année', 'Exclusion', 'Déménagement', 'Sans affectation', 'Problèmes de santé'];

const HEADER =
  'INE;Nom;Prénom;Sexe;Date de naissance;Adresse;Code postal;Commune;Téléphone;Courriel;Représentant légal;Téléphone représentant;UAI dernier établissement;Établissement;Code MEF;Formation;Niveau;Date de sortie;Motif de sortie';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, size: number) => String(value).padStart(size, '0');

/** The text of the list (one young person per row; the i-th has INE 10 digits from i and a letter). */
export function generateSieiText(count: number, seed = 2026): string {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const [postalCode, commune] = pick(COMMUNES);
    const last = pick(LAST_NAMES);
    const first = pick(FIRST_NAMES);
    const year = 2006 + Math.floor(next() * 5);
    const birth = `${pad(1 + Math.floor(next() * 28), 2)}/${pad(1 + Math.floor(next() * 12), 2)}/${year}`;
    const address = i % 7 === 0 ? `"${10 + (i % 80)}, rue des Lilas; bât. ${i % 5}"` : `${1 + (i % 120)} rue Nationale`;
    lines.push(
      [
        `${pad(i, 10)}${String.fromCharCode(65 + (i % 26))}`,
        last,
        first,
        next() < 0.5 ? 'F' : 'M',
        birth,
        address,
        postalCode,
        commune,
        `06${pad(Math.floor(next() * 1e8), 8)}`,
        i % 3 === 0 ? `jeune${i}@example.org` : '',
        i % 4 === 0 ? `${pick(FIRST_NAMES)} ${last} (mère)` : '',
        i % 4 === 0 ? `07${pad(Math.floor(next() * 1e8), 8)}` : '',
        `0590${pad(i % 1000, 3)}A`,
        `Lycée ${pick(LAST_NAMES)} (fictif)`,
        '',
        'CAP Cuisine',
        pick(LEVELS),
        `${pad(1 + Math.floor(next() * 28), 2)}/0${1 + Math.floor(next() * 9)}/2026`,
        pick(REASONS),
      ].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The list as the bytes of a Windows-1252 file. */
export function generateSieiFile(count: number, seed?: number): Uint8Array {
  const text = generateSieiText(count, seed);
  const bytes = new Uint8Array(text.length);
  const cp1252: Record<string, number> = { '’': 0x92, '–': 0x96 };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = char.charCodeAt(0);
    bytes[i] = cp1252[char] ?? (code < 256 ? code : 0x3f);
  }
  return bytes;
}
