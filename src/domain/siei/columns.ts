/**
 * The columns of a SIEI list (see shared/docs/domain.md) and how a header
 * written by a spreadsheet is recognised: case, accents, punctuation, spacing
 * and a bracketed hint ("Date de naissance (JJ/MM/AAAA)") do not matter, and
 * each column has the names it is known to go by.
 */

/** The values a row of the list carries, named as the young person's fields where they are the same. */
export const SIEI_COLUMNS = [
  'ine',
  'lastName',
  'firstNames',
  'sex',
  'birthDate',
  'address',
  'postalCode',
  'commune',
  'phone',
  'email',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'guardianEmail',
  'lastSchoolUai',
  'lastSchoolName',
  'lastSchoolCommune',
  'formationMef',
  'formationLabel',
  'level',
  'leftSchoolOn',
  'leavingReason',
] as const;
export type SieiColumn = (typeof SIEI_COLUMNS)[number];

/** Without these a row cannot be matched to a young person: a file that lacks one is refused whole. */
export const REQUIRED_COLUMNS: readonly SieiColumn[] = ['lastName', 'firstNames', 'birthDate'];

/** The French name of each column, as the list usually writes it (shown in messages). */
export const SIEI_COLUMN_LABELS: Record<SieiColumn, string> = {
  ine: 'INE',
  lastName: 'Nom',
  firstNames: 'Prénom',
  sex: 'Sexe',
  birthDate: 'Date de naissance',
  address: 'Adresse',
  postalCode: 'Code postal',
  commune: 'Commune',
  phone: 'Téléphone',
  email: 'Courriel',
  guardianName: 'Représentant légal',
  guardianRelation: 'Lien du représentant',
  guardianPhone: 'Téléphone représentant',
  guardianEmail: 'Courriel représentant',
  lastSchoolUai: 'UAI dernier établissement',
  lastSchoolName: 'Établissement',
  lastSchoolCommune: 'Commune établissement',
  formationMef: 'Code MEF',
  formationLabel: 'Formation',
  level: 'Niveau',
  leftSchoolOn: 'Date de sortie',
  leavingReason: 'Motif de sortie',
};

/** Other names each column goes by, folded (see foldHeader). */
const SYNONYMS: Record<SieiColumn, readonly string[]> = {
  ine: [
    'ine',
    'n ine',
    'no ine',
    'num ine',
    'numero ine',
    'ine eleve',
    'identifiant ine',
    'identifiant national eleve',
  ],
  lastName: [
    'nom',
    'nom de famille',
    'nom eleve',
    'nom de l eleve',
    'nom du jeune',
    'nom jeune',
    'nom d usage',
    'nom patronymique',
  ],
  firstNames: [
    'prenom',
    'prenoms',
    'prenom eleve',
    'prenom de l eleve',
    'prenom du jeune',
    'prenom 1',
    'premier prenom',
  ],
  sex: ['sexe', 'genre', 'civilite'],
  birthDate: [
    'date de naissance',
    'date naissance',
    'date de naiss',
    'date naiss',
    'dt naissance',
    'naissance',
    'ne le',
    'ne e le',
    'ddn',
  ],
  address: ['adresse', 'adresse postale', 'adresse du jeune', 'adresse eleve', 'adresse 1', 'adresse ligne 1'],
  postalCode: ['code postal', 'cp', 'code postal du jeune'],
  commune: ['commune', 'ville', 'localite', 'commune de residence', 'commune du jeune'],
  phone: [
    'telephone',
    'tel',
    'telephone du jeune',
    'telephone eleve',
    'telephone portable',
    'tel portable',
    'portable',
    'mobile',
    'telephone mobile',
  ],
  email: ['courriel', 'email', 'e mail', 'mail', 'adresse mail', 'adresse electronique', 'courriel du jeune'],
  guardianName: [
    'representant legal',
    'representant',
    'nom representant legal',
    'nom du representant legal',
    'responsable legal',
    'nom responsable legal',
    'nom du responsable legal',
  ],
  guardianRelation: ['lien representant', 'lien du representant', 'lien de parente', 'qualite representant'],
  guardianPhone: [
    'telephone representant',
    'telephone representant legal',
    'telephone du representant legal',
    'tel representant',
    'telephone responsable legal',
    'telephone du responsable legal',
    'tel responsable',
  ],
  guardianEmail: [
    'courriel representant',
    'courriel representant legal',
    'courriel du representant legal',
    'email representant',
    'mail representant',
    'courriel responsable legal',
  ],
  lastSchoolUai: [
    'uai dernier etablissement',
    'uai du dernier etablissement',
    'uai',
    'code uai',
    'uai etablissement',
    'uai de l etablissement',
    'rne',
    'rne dernier etablissement',
  ],
  lastSchoolName: [
    'etablissement',
    'dernier etablissement',
    'nom etablissement',
    'nom de l etablissement',
    'nom du dernier etablissement',
    'etablissement d origine',
    'etablissement frequente',
  ],
  lastSchoolCommune: [
    'commune etablissement',
    'commune de l etablissement',
    'commune du dernier etablissement',
    'ville etablissement',
  ],
  formationMef: ['code mef', 'mef', 'code formation'],
  formationLabel: ['formation', 'libelle formation', 'libelle mef', 'formation suivie', 'libelle de la formation'],
  level: ['niveau', 'niveau de formation', 'niveau formation', 'niveau de qualification', 'niveau scolaire'],
  leftSchoolOn: ['date de sortie', 'date sortie', 'sortie le', 'date de sortie de formation', 'date d abandon'],
  leavingReason: ['motif de sortie', 'motif sortie', 'motif', 'motif d abandon', 'raison de sortie'],
};

/** "  Date de naissance (JJ/MM/AAAA) " → "date de naissance"; "N° INE" → "n ine". */
export function foldHeader(header: string): string {
  return header
    .replace(/\([^)]*\)/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const COLUMN_OF_NAME = new Map<string, SieiColumn>(
  SIEI_COLUMNS.flatMap((column) => SYNONYMS[column].map((name) => [name, column] as const)),
);

export interface HeaderMapping {
  /** For each column of the list, the index of the file's column that holds it. */
  indexOf: Partial<Record<SieiColumn, number>>;
  /** Headers of the file that name no known column (their values are not imported). */
  ignored: string[];
  /** Required columns the file lacks. */
  missing: SieiColumn[];
}

/**
 * Which file column holds what. A column named twice keeps its first
 * occurrence (the second is listed as ignored), as a person reading the
 * sheet from the left would.
 */
export function mapHeader(headers: readonly string[]): HeaderMapping {
  const indexOf: Partial<Record<SieiColumn, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const column = COLUMN_OF_NAME.get(foldHeader(header));
    if (column && indexOf[column] === undefined) indexOf[column] = index;
    else if (header.trim() !== '') ignored.push(header.trim());
  });
  return { indexOf, ignored, missing: REQUIRED_COLUMNS.filter((column) => indexOf[column] === undefined) };
}
