import type { CaseStatus, Role } from '../../domain/enums';
import type { YoungPerson } from '../../domain/young-person';
import {
  COMMUNES,
  FEMALE_FIRST_NAMES,
  FORMATIONS,
  LAST_NAMES,
  LEAVING_REASONS,
  MALE_FIRST_NAMES,
  SCHOOLS,
  STREETS,
} from './names';
import { seededRandom, type SeededRandom } from './random';

/**
 * The demo platform: one PSAD, its four agents, the académie's
 * administrator and about 200 fictional young people, always the same ones
 * (fixed seed and reference date). Phone numbers are in the ranges ARCEP
 * reserves for fiction; e-mails use example.org.
 */
export const DEMO_SEED = 2013;
export const DEMO_REFERENCE_DATE = '2026-10-01';
export const DEMO_YOUNG_PEOPLE = 200;

export const DEMO_PLATFORM = {
  id: '6a1f0c52-3d8e-4b7a-9c21-5e0d4f7b8a10',
  name: 'PSAD Lyon Centre (démonstration)',
  departement: 'Rhône',
  academie: 'Lyon',
} as const;

export interface DemoAgent {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  structure: string;
  /** null for the académie's administrator, who belongs to no platform. */
  platformId: string | null;
}

export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a01',
    email: 'conseillere@raccroche.example',
    displayName: 'Camille Durand',
    role: 'conseiller',
    structure: 'CIO Lyon Centre',
    platformId: DEMO_PLATFORM.id,
  },
  {
    id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a02',
    email: 'mlds@raccroche.example',
    displayName: 'Karim Benali',
    role: 'mlds',
    structure: 'MLDS Rhône',
    platformId: DEMO_PLATFORM.id,
  },
  {
    id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a03',
    email: 'coordination@raccroche.example',
    displayName: 'Sophie Lefèvre',
    role: 'coordinateur',
    structure: 'PSAD Lyon Centre',
    platformId: DEMO_PLATFORM.id,
  },
  {
    id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a04',
    email: 'tuteur@raccroche.example',
    displayName: 'Nadia Perrin',
    role: 'tuteur',
    structure: 'Lycée professionnel Jacquard (fictif)',
    platformId: DEMO_PLATFORM.id,
  },
  {
    id: '0b7e2c1a-91d4-4f3e-8a5b-2c6d7e8f9a05',
    email: 'admin@raccroche.example',
    displayName: 'Administration académique',
    role: 'admin',
    structure: 'Rectorat de l’académie de Lyon',
    platformId: null,
  },
];

/** How many cases name the demo tutor on their contract (signed or started), so that she sees them. */
export const DEMO_TUTORED_CASES = 3;

/**
 * The demo records with the tutor agent named on the first contracts signed
 * or started, one per case, DEMO_TUTORED_CASES of them (nothing random: the
 * generated history stays the same). Returns the records and the cases she
 * tutors.
 */
export function nameDemoTutor<R extends { entity: string; data: object }>(
  records: readonly R[],
): { records: R[]; tutoredCases: string[] } {
  const tutor = DEMO_AGENTS.find((agent) => agent.role === 'tuteur')!;
  const tutoredCases: string[] = [];
  const named = records.map((record) => {
    const contract = record.data as { youngPersonId?: string; state?: string };
    const caseId = contract.youngPersonId ?? '';
    const fits = record.entity === 'contract' && (contract.state === 'signe' || contract.state === 'en_cours');
    if (!fits || tutoredCases.length >= DEMO_TUTORED_CASES || tutoredCases.includes(caseId)) return record;
    tutoredCases.push(caseId);
    return { ...record, data: { ...record.data, tutorId: tutor.id, tutorName: `${tutor.displayName}, tutrice EN` } };
  });
  return { records: named, tutoredCases };
}

const OPEN_STATUSES: readonly CaseStatus[] = [
  'a_traiter',
  'a_traiter',
  'a_traiter',
  'contact_en_cours',
  'contact_en_cours',
  'injoignable',
  'joint',
  'entretien',
  'bilan',
  'solution_proposee',
  'contrat_signe',
  'en_solution',
];

function isoDateMinusDays(reference: string, days: number): string {
  const date = new Date(`${reference}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

function fictionalPhone(random: SeededRandom): string {
  return `06 39 98 ${random.digits(2)} ${random.digits(2)}`;
}

function asciiSlug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');
}

/** Of every 20 young people: 9 followed by the conseillère, 7 by the MLDS coordinator, 4 not yet assigned. */
function referentFor(index: number): string | null {
  const slot = index % 20;
  if (slot < 9) return DEMO_AGENTS[0]?.id ?? null;
  if (slot < 16) return DEMO_AGENTS[1]?.id ?? null;
  return null;
}

function demoYoungPerson(random: SeededRandom, index: number): YoungPerson {
  const female = random.next() < 0.5;
  const firstNames = random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const commune = random.pick(COMMUNES);
  const school = random.pick(SCHOOLS);
  const formation = random.pick(FORMATIONS);
  const origin = random.next() < 0.8 ? 'siei' : random.pick(['gpds', 'spontane', 'droit_retour'] as const);
  const withGuardian = random.next() < 0.6;
  return {
    id: random.uuid(),
    platformId: DEMO_PLATFORM.id,
    referentId: referentFor(index),
    ine: random.next() < 0.9 ? `${random.digits(9)}${random.letters(2)}` : '',
    lastName,
    firstNames,
    sex: female ? 'F' : 'M',
    birthDate: isoDateMinusDays(DEMO_REFERENCE_DATE, random.int(16 * 365 + 10, 20 * 365)),
    address: `${random.int(1, 120)} ${random.pick(STREETS)}`,
    postalCode: commune.postalCode,
    commune: commune.name,
    phone: fictionalPhone(random),
    email: `${asciiSlug(firstNames)}.${asciiSlug(lastName)}${index}@example.org`,
    guardians: withGuardian
      ? [
          {
            relation: random.pick(['mere', 'pere'] as const),
            name: `${random.pick(FEMALE_FIRST_NAMES)} ${lastName}`,
            phone: fictionalPhone(random),
            email: '',
          },
        ]
      : [],
    lastSchoolUai: school.uai,
    lastSchoolName: school.name,
    lastSchoolCommune: school.commune,
    formationMef: formation.mef,
    formationLabel: formation.label,
    level: formation.level,
    leftSchoolOn: isoDateMinusDays(DEMO_REFERENCE_DATE, random.int(20, 300)),
    leavingReason: random.pick(LEAVING_REASONS),
    origin,
    campaign: origin === 'siei' ? random.pick(['2026-08', '2026-09', '2026-10']) : '',
    status: random.pick(OPEN_STATUSES),
    outcome: '',
    closedOn: '',
    closingComment: '',
  };
}

export function generateDemoYoungPeople(count = DEMO_YOUNG_PEOPLE, seed = DEMO_SEED): YoungPerson[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => demoYoungPerson(random, index));
}
