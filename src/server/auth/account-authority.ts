import type { AdminAgent, AgentPatch } from '../../domain/admin-messages';
import { ADVISER_ROLES } from '../../domain/distribution';
import type { Role } from '../../domain/enums';
import { HttpError } from '../http/http-error';
import type { Actor } from './actor';

/**
 * Who manages which accounts:
 * - the académie's admin: every account, any role, any platform;
 * - a platform's coordinator: the accounts of the advisers of their own
 *   platform (conseiller, MLDS, tuteur) — created on their platform only,
 *   given only those roles, never moved to another platform; the platform's
 *   coordinators and every other platform's accounts are out of their reach.
 * Everyone else manages no account.
 */
export type AccountAuthority = { kind: 'academie' } | { kind: 'platform'; platformId: string };

const ADVISERS = new Set<Role>(ADVISER_ROLES);
const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

export function accountAuthority(actor: Actor): AccountAuthority {
  if (actor.role === 'admin') return { kind: 'academie' };
  if (actor.role === 'coordinateur' && actor.platformId) return { kind: 'platform', platformId: actor.platformId };
  throw forbidden('Réservé à l’administration académique et aux responsables de plateforme');
}

/** A role a coordinator may give: an adviser's. */
function checkRoleGiven(authority: AccountAuthority, role: Role): void {
  if (authority.kind === 'platform' && !ADVISERS.has(role)) {
    throw forbidden('Un responsable de plateforme crée des comptes de conseiller, de coordonnateur MLDS ou de tuteur');
  }
}

function checkPlatformGiven(authority: AccountAuthority, platformId: string | null): void {
  if (authority.kind === 'platform' && platformId !== authority.platformId) {
    throw forbidden('Un responsable de plateforme gère les comptes de sa seule plateforme');
  }
}

/** A new account, as asked: within the authority's roles and platform (403 otherwise). */
export function checkAccountCreation(authority: AccountAuthority, account: { role: Role; platformId: string | null }) {
  checkRoleGiven(authority, account.role);
  checkPlatformGiven(authority, account.platformId);
}

/**
 * An existing account to change: another platform's is answered as absent
 * (404, as for devices), a coordinator's own colleague coordinator as
 * forbidden; then the change itself stays within the authority's roles and
 * platform.
 */
export function checkAccountChange(authority: AccountAuthority, target: AdminAgent, patch: AgentPatch): void {
  if (authority.kind === 'academie') return;
  if (target.platformId !== authority.platformId) throw new HttpError(404, 'not_found', 'Compte introuvable');
  if (!ADVISERS.has(target.role)) {
    throw forbidden('Seule l’administration académique modifie le compte d’un responsable de plateforme');
  }
  if (patch.role !== undefined) checkRoleGiven(authority, patch.role);
  if (patch.platformId !== undefined) checkPlatformGiven(authority, patch.platformId);
}

/** Whose accounts a list shows: every account, or one platform's. */
export function accountListScope(authority: AccountAuthority): { platformId: string } | 'all' {
  return authority.kind === 'academie' ? 'all' : { platformId: authority.platformId };
}
