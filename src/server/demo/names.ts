/** Name and place lists for the fictional demo data. */
export const FEMALE_FIRST_NAMES = [
  'Hélène', 'Chloé', 'Maëlys', 'Anaïs', 'Léa', 'Zoé', 'Inès', 'Élise', 'Océane', 'Maëva', 'Aïcha', 'Fatoumata',
  'Jade', 'Lina', 'Manon', 'Camille', 'Sarah', 'Emma', 'Louise', 'Noémie', 'Célia', 'Yasmine', 'Ambre', 'Clémence',
] as const;
export const MALE_FIRST_NAMES = [
  'Noé', 'Jérémy', 'Loïc', 'Clément', 'Théo', 'Mathéo', 'Maël', 'Yanis', 'Mamadou', 'Kévin', 'Enzo', 'Bastien',
  'Lucas', 'Hugo', 'Rayan', 'Nathan', 'Adam', 'Sofiane', 'Timothée', 'Gaël', 'Anthony', 'Dylan', 'Jérôme', 'Éthan',
] as const;
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Rousseau', 'Fontaine', 'Chevalier',
  'Mercier', 'Benali', 'Nguyen', 'Diallo', 'Traoré', 'Da Silva', 'Lemaître', 'Bénard', 'Gauthier', 'Perrin',
  'Mathieu', 'Clément', 'Rivière', 'Boyer', 'Garnier', 'Faure', 'André', 'Haddad', 'Kaya', 'Lambert',
  'Bonnet', 'François', 'Leroux', 'Barbier', 'Caron', 'Aubert', 'Noël', 'Hénon', 'Pélissier', 'Dumoulin',
] as const;
export const COMMUNES = [
  { name: 'Lyon 1er', postalCode: '69001' },
  { name: 'Lyon 3e', postalCode: '69003' },
  { name: 'Lyon 7e', postalCode: '69007' },
  { name: 'Lyon 8e', postalCode: '69008' },
  { name: 'Lyon 9e', postalCode: '69009' },
  { name: 'Villeurbanne', postalCode: '69100' },
  { name: 'Vénissieux', postalCode: '69200' },
  { name: 'Vaulx-en-Velin', postalCode: '69120' },
  { name: 'Bron', postalCode: '69500' },
  { name: 'Saint-Priest', postalCode: '69800' },
  { name: 'Écully', postalCode: '69130' },
  { name: 'Caluire-et-Cuire', postalCode: '69300' },
] as const;
export const STREETS = [
  'rue de la Fiction', 'avenue Imaginaire', 'place du Test', 'impasse des Exemples', 'chemin de la Démo',
  'boulevard Fictif', 'allée des Essais', 'quai de la Maquette',
] as const;
/** Fictional schools: the UAI pattern is valid, the establishments do not exist. */
export const SCHOOLS = [
  { uai: '0699901A', name: 'Lycée professionnel des Canuts (fictif)', commune: 'Lyon 4e' },
  { uai: '0699902B', name: 'Lycée polyvalent Jacquard (fictif)', commune: 'Villeurbanne' },
  { uai: '0699903C', name: 'Lycée des métiers du Rhône (fictif)', commune: 'Vénissieux' },
  { uai: '0699904D', name: 'Collège Fourvière (fictif)', commune: 'Lyon 5e' },
  { uai: '0699905E', name: 'Lycée général Confluence (fictif)', commune: 'Lyon 2e' },
  { uai: '0699906F', name: 'Lycée professionnel Saône (fictif)', commune: 'Caluire-et-Cuire' },
] as const;
export const FORMATIONS = [
  { mef: '50025002110', label: 'CAP Cuisine', level: 'niveau_3' },
  { mef: '50025519210', label: 'CAP Électricien', level: 'niveau_3' },
  { mef: '40025006310', label: 'Bac pro Commerce', level: 'niveau_4' },
  { mef: '40025510110', label: 'Bac pro Maintenance des véhicules', level: 'niveau_4' },
  { mef: '24723001110', label: 'Seconde générale et technologique', level: 'infra_3' },
  { mef: '23210010110', label: 'Troisième', level: 'infra_3' },
  { mef: '40033101210', label: 'Bac pro Accompagnement, soins et services à la personne', level: 'niveau_4' },
] as const;
export const LEAVING_REASONS = [
  'Abandon en cours d’année', 'Exclusion', 'Déménagement', 'Raisons de santé', 'Orientation subie', 'Non précisé',
] as const;
