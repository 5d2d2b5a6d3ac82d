import type { AdminPlatform } from '../../../domain/admin-messages';
import { role, type Role } from '../../../domain/enums';

/** The roles (or those given), as choices of a select (with an empty first choice when `placeholder` is given). */
export function roleOptions(
  placeholder?: string,
  roles: readonly Role[] = role.values,
): { value: string; text: string }[] {
  return [
    ...(placeholder ? [{ value: '', text: placeholder }] : []),
    ...roles.map((value) => ({ value, text: role.label(value) })),
  ];
}

/** The platforms, as choices of a select, after an empty first choice. */
export function platformOptions(platforms: readonly AdminPlatform[]): { value: string; text: string }[] {
  return [
    { value: '', text: 'Choisir une plateforme' },
    ...platforms.map((platform) => ({ value: platform.id, text: `${platform.name} (${platform.academie})` })),
  ];
}
