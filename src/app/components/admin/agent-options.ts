import type { AdminPlatform } from '../../../domain/admin-messages';
import { role } from '../../../domain/enums';

/** The roles, as choices of a select (with an empty first choice when `placeholder` is given). */
export function roleOptions(placeholder?: string): { value: string; text: string }[] {
  return [
    ...(placeholder ? [{ value: '', text: placeholder }] : []),
    ...role.values.map((value) => ({ value, text: role.label(value) })),
  ];
}

/** The platforms, as choices of a select, after an empty first choice. */
export function platformOptions(platforms: readonly AdminPlatform[]): { value: string; text: string }[] {
  return [
    { value: '', text: 'Choisir une plateforme' },
    ...platforms.map((platform) => ({ value: platform.id, text: `${platform.name} (${platform.academie})` })),
  ];
}
