import type { ContactResult, FreinTheme, OutcomeCode, ProposalDecision, SolutionType } from '../../domain/enums';

/** Texts of the fictional demo case histories: what advisers typically write. */
export const CONTACT_NOTES: Record<ContactResult, readonly string[]> = {
  joint: ['Joint, d’accord pour un rendez-vous.', 'Échange court, rendez-vous fixé au CIO.', ''],
  message_laisse: ['Message sur le répondeur.', 'SMS de rappel envoyé après l’appel.', ''],
  injoignable: ['Sonne dans le vide, pas de répondeur.', 'Ligne coupée.'],
  refus: ['Ne souhaite pas être accompagné pour le moment.'],
  numero_errone: ['Le numéro n’est plus attribué.'],
};

export const MEETING_PLACES = ['CIO Lyon Centre', 'Mission locale de Lyon', 'Lycée d’origine', 'Au domicile'] as const;

export const INTERVIEW_NOTES = [
  'A quitté le lycée en cours d’année après de nombreuses absences. Dit avoir perdu le goût de l’école mais aimerait « apprendre un métier ».',
  'Vit chez sa mère avec deux frères. Journées peu structurées depuis la sortie ; aide ponctuellement un oncle sur des chantiers.',
  'Orientation subie en fin de troisième. Intéressé par la cuisine et la pâtisserie, a déjà fait un stage dans une boulangerie.',
  'Sortie pour raisons de santé, aujourd’hui stabilisées. Souhaite reprendre une scolarité dans un cadre plus petit.',
  'Difficultés en français à l’écrit. Bonne présentation, motivé par les métiers du soin et de l’accompagnement.',
  'A travaillé quelques semaines en intérim. Veut un diplôme pour ne plus enchaîner les missions courtes.',
] as const;

export const NEXT_STEPS = [
  'Bilan de positionnement avec la MLDS dans deux semaines.',
  'Se renseigner sur les CFA du secteur ; rappel dans dix jours.',
  'Envoyer les bulletins de l’année dernière ; prendre rendez-vous pour le bilan.',
  'Visite du micro-lycée à organiser avec la famille.',
] as const;

export const CHECKPOINT_NOTES = [
  'Présent et impliqué, bons retours du tuteur.',
  'Quelques retards le lundi ; point à refaire avec la famille.',
  'A trouvé ses repères, demande de l’aide en mathématiques.',
  'Absences répétées cette quinzaine : relancer et revoir les engagements.',
] as const;

export const FREIN_DETAILS: Record<FreinTheme, string> = {
  sante: 'Suivi médical en cours, fatigue en fin de journée.',
  logement: 'Hébergé chez un proche, situation provisoire.',
  mobilite: 'Pas de permis ; une heure de transport pour rejoindre le centre.',
  famille: 'S’occupe de ses frères et sœurs le soir.',
  ressources: 'Aucune ressource propre, souhaite une solution rémunérée.',
  demarches_administratives: 'Carte d’identité expirée, pas de compte bancaire.',
  maitrise_langue: 'Arrivé en France il y a deux ans, progresse à l’oral.',
};

export const PROJECTS = [
  'Devenir cuisinier ; passer un CAP en apprentissage.',
  'Travailler auprès des enfants (CAP petite enfance).',
  'Reprendre un baccalauréat général pour aller vers le social.',
  'Métiers de l’électricité et du bâtiment.',
  'Projet encore flou : découvrir plusieurs métiers avant de choisir.',
] as const;

export const RECOMMENDATIONS = [
  'Orientation vers une formation en alternance après un module de préparation.',
  'Retour en formation initiale dans une structure à petits effectifs.',
  'Remobilisation MLDS puis entrée en CAP à la rentrée suivante.',
  'Accompagnement global avec la Mission locale en parallèle de la formation.',
] as const;

export const DECISION_REASONS: Record<Exclude<ProposalDecision, 'en_attente'>, readonly string[]> = {
  acceptee: ['Correspond au projet, visite faite avec la famille.', ''],
  refusee: ['Trop éloigné du domicile.', 'Ne souhaite pas d’internat.', 'Le domaine ne l’intéresse pas.'],
  sans_suite: ['Pas de réponse de la structure.', 'Session complète.'],
};

export const TUTORS = [
  'Mme Perrin, référente décrochage',
  'M. Mercier, professeur principal',
  'Mme Aubert, CPE',
  'M. Garnier, tuteur EN',
] as const;

export const OBJECTIVES =
  'Suivre la formation avec assiduité, consolider les savoirs de base et obtenir la qualification visée.';

export const COMMITMENTS = {
  jeune: 'Être présent et ponctuel, prévenir en cas d’absence, participer aux points d’étape.',
  famille: 'Soutenir la démarche et être joignable pour les points d’étape.',
  psad: 'Assurer le suivi du parcours et proposer une solution en cas de rupture.',
  tuteur: 'Rencontrer le jeune au moins une fois par mois et faire le lien avec l’équipe.',
  etablissement: 'Accueillir le jeune et adapter son parcours si besoin.',
} as const;

/** The outcome a closing records once the contract of this type of solution has ended. */
export const OUTCOME_OF_SOLUTION: Record<SolutionType, OutcomeCode> = {
  retour_etablissement: 'retour_autre_etablissement',
  structure_retour: 'retour_structure_innovante',
  action_mlds: 'action_mlds',
  apprentissage: 'apprentissage',
  formation_continue: 'formation_continue',
  service_civique: 'service_civique',
  e2c: 'e2c',
  epide: 'epide',
  smv: 'smv',
  mission_locale: 'mission_locale',
  emploi: 'emploi',
  autre: 'sans_solution',
};
