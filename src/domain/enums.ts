/**
 * Enumerations of the FOQUALE domain (see shared/docs/domain.md).
 * Codes are stable identifiers stored in the database and sent over the wire;
 * labels are the French texts shown to users.
 */

function labelled<const T extends string>(labels: Record<T, string>) {
  const values = Object.keys(labels) as [T, ...T[]];
  return { values, labels, label: (value: T): string => labels[value] };
}

/** The path of a case, one status per young person. */
export const caseStatus = labelled({
  a_traiter: 'À traiter',
  contact_en_cours: 'Contact en cours',
  injoignable: 'Injoignable',
  joint: 'Joint',
  entretien: 'Entretien',
  bilan: 'Bilan',
  solution_proposee: 'Solution proposée',
  contrat_signe: 'Contrat signé',
  en_solution: 'En solution',
  clos: 'Clos',
});
export type CaseStatus = (typeof caseStatus.values)[number];

/** Outcome (sortie) codes recorded when a case is closed. */
export const outcomeCode = labelled({
  retour_etablissement_origine: "Retour en formation initiale – établissement d'origine",
  retour_autre_etablissement: 'Retour en formation initiale – autre établissement',
  retour_structure_innovante: 'Retour en formation initiale – micro-lycée / structure de retour',
  action_mlds: 'Action MLDS',
  apprentissage: 'Apprentissage / CFA',
  formation_continue: 'Formation continue',
  service_civique: 'Service civique',
  emploi: 'Emploi',
  mission_locale: 'Accompagnement Mission locale (CEJ)',
  e2c: 'École de la deuxième chance (E2C)',
  epide: 'EPIDE',
  smv: 'Service militaire volontaire (SMV)',
  deja_en_solution: 'Déjà en solution',
  diplome_non_concerne: 'Diplômé / non concerné',
  demenage: 'Déménagé (transfert PSAD)',
  refus: 'Refus',
  injoignable: 'Injoignable',
  exempte_sante: 'Exempté (santé)',
  sans_solution: 'Sans solution',
});
export type OutcomeCode = (typeof outcomeCode.values)[number];

/** How the young person came to the platform. */
export const origin = labelled({
  siei: 'Liste SIEI',
  gpds: 'Signalement GPDS',
  spontane: 'Demande spontanée',
  droit_retour: 'Droit au retour en formation',
});
export type Origin = (typeof origin.values)[number];

/** Sex as given by the SIEI lists; empty when not known. */
export const sex = labelled({ F: 'Femme', M: 'Homme' });
export type Sex = (typeof sex.values)[number];

/** Highest school level reached (French nomenclature of qualification levels). */
export const schoolLevel = labelled({
  infra_3: 'Sans qualification (collège, 3e)',
  niveau_3: 'Niveau 3 (CAP, BEP)',
  niveau_4: 'Niveau 4 (baccalauréat)',
  niveau_5: 'Niveau 5 (bac + 2)',
});
export type SchoolLevel = (typeof schoolLevel.values)[number];

/** Relation of a legal guardian to the young person. */
export const guardianRelation = labelled({
  mere: 'Mère',
  pere: 'Père',
  tuteur: 'Tuteur·rice légal·e',
  autre: 'Autre',
});
export type GuardianRelation = (typeof guardianRelation.values)[number];

/** Roles of agents (see the access issue for their scopes). */
export const role = labelled({
  conseiller: 'Conseiller·ère (Psy-EN)',
  mlds: 'Coordonnateur·rice MLDS',
  tuteur: 'Tuteur·rice EN / référent DS',
  coordinateur: 'Responsable de plateforme',
  admin: 'Administrateur·rice académique',
});
export type Role = (typeof role.values)[number];

/** How a contact attempt was made. */
export const contactChannel = labelled({
  telephone: 'Téléphone',
  sms: 'SMS',
  courriel: 'Courriel',
  courrier: 'Courrier',
  visite: 'Visite',
  relais_etablissement: 'Relais établissement',
  relais_partenaire: 'Relais partenaire',
  relais_famille: 'Relais famille',
});
export type ContactChannel = (typeof contactChannel.values)[number];

/** Whom a contact attempt was aimed at. */
export const contactTarget = labelled({ jeune: 'Le jeune', representant: 'Un représentant légal' });
export type ContactTarget = (typeof contactTarget.values)[number];

export const contactResult = labelled({
  joint: 'Joint',
  message_laisse: 'Message laissé',
  injoignable: 'Injoignable',
  refus: 'Refus',
  numero_errone: 'Coordonnées erronées',
});
export type ContactResult = (typeof contactResult.values)[number];

/** An interview, or a follow-up point once a solution has started. */
export const meetingKind = labelled({ entretien: 'Entretien', point_etape: "Point d'étape" });
export type MeetingKind = (typeof meetingKind.values)[number];

export const attendance = labelled({ assidu: 'Assidu', irregulier: 'Irrégulier', absent: 'Absent' });
export type Attendance = (typeof attendance.values)[number];

/** Types of the solutions of the network's catalogue (recensement des solutions). */
export const solutionType = labelled({
  retour_etablissement: "Retour en établissement (d'origine ou autre)",
  structure_retour: 'Micro-lycée / structure de retour à l’école',
  action_mlds: 'Action MLDS',
  apprentissage: 'CFA / apprentissage',
  formation_continue: 'Formation continue (GRETA, Région)',
  service_civique: 'Service civique',
  e2c: 'École de la deuxième chance (E2C)',
  epide: 'EPIDE',
  smv: 'Service militaire volontaire (SMV)',
  mission_locale: 'Mission locale (CEJ)',
  emploi: 'Emploi',
  autre: 'Autre',
});
export type SolutionType = (typeof solutionType.values)[number];

export const proposalDecision = labelled({
  en_attente: 'En attente',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
  sans_suite: 'Sans suite',
});
export type ProposalDecision = (typeof proposalDecision.values)[number];

export const bilanStatus = labelled({ brouillon: 'Brouillon', valide: 'Validé' });
export type BilanStatus = (typeof bilanStatus.values)[number];

/** Obstacles ("freins") noted in a bilan, by theme. */
export const freinTheme = labelled({
  sante: 'Santé',
  logement: 'Logement',
  mobilite: 'Mobilité',
  famille: 'Famille',
  ressources: 'Ressources',
  demarches_administratives: 'Démarches administratives',
  maitrise_langue: 'Maîtrise de la langue',
});
export type FreinTheme = (typeof freinTheme.values)[number];

/** The scale of each skill of the bilan's grid (0: not assessed). */
export const skillLevel = labelled({
  '0': 'Non évalué',
  '1': 'Non acquis',
  '2': 'En cours',
  '3': 'Acquis',
  '4': 'Maîtrisé',
});
export type SkillLevel = (typeof skillLevel.values)[number];

export const skill = labelled({
  francais: 'Français',
  maths: 'Mathématiques',
  numerique: 'Numérique',
  savoirEtre: 'Savoir-être',
});
export type Skill = (typeof skill.values)[number];

export const contractState = labelled({
  brouillon: 'Brouillon',
  signe: 'Signé',
  en_cours: 'En cours',
  termine: 'Terminé',
  rompu: 'Rompu',
});
export type ContractState = (typeof contractState.values)[number];
