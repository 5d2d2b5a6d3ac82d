import type { RowCategory } from '../../../domain/siei/plan';
import { formatIsoDate } from '../../composables/format';
import type { PreviewRow } from '../../composables/use-siei-import';
import { fieldLabel } from '../conflict/field-labels';

/** The label of a young person's field an import writes. */
export function importFieldLabel(field: string): string {
  return field === 'reappearedAt' ? 'Signalé « réapparu »' : fieldLabel('youngPerson', field);
}

/** What the preview says of a row beyond its identity. */
export function rowDetail(row: PreviewRow): string {
  if (row.category === 'duplicate') return `Même jeune que la ligne ${row.duplicateOf}`;
  if (row.category === 'new') return 'Nouveau dossier, non attribué';
  if (row.fields.length === 0) return 'Rien à changer';
  return row.fields.map(importFieldLabel).join(', ');
}

export const birthDateText = (row: PreviewRow) => formatIsoDate(row.row.birthDate);

/** What each category of rows means, under its title. */
export const categoryHelp: Record<Exclude<RowCategory, 'rejected'>, string> = {
  new: 'Jeunes inconnus de la plateforme : un dossier « à traiter » sera créé pour chacun, sans référent, à attribuer.',
  update:
    'Jeunes déjà suivis : la liste complète les champs vides et met à jour ceux qu’un import précédent avait remplis. Ce qu’un conseiller a saisi est conservé.',
  reopen:
    'Dossiers clos dont le jeune figure à nouveau sur la liste : ils seront rouverts (« à traiter »), signalés « réapparu », leur historique conservé.',
  inSolution:
    'Jeunes dont le contrat est signé ou en cours : la liste a peut-être du retard. Leur statut ne change pas ; les champs vides sont complétés.',
  unchanged: 'Jeunes déjà suivis pour qui la liste n’apporte rien de nouveau.',
  duplicate: 'Lignes qui répètent un jeune déjà présent plus haut dans le fichier : seule la première compte.',
};
