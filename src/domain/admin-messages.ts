import { z } from 'zod';
import { role } from './enums';
import { requiredText, text, uuid } from './formats';
import { passwordPolicyProblems } from './password-policy';

/**
 * The académie's administration: platforms and accounts. An admin belongs to
 * no platform and sees no case content; every other role belongs to one.
 */

export const platformCreateSchema = z
  .object({
    name: requiredText(200, 'Le nom de la plateforme'),
    departement: requiredText(100, 'Le département'),
    academie: requiredText(100, 'L’académie'),
  })
  .strict();
export type PlatformCreate = z.infer<typeof platformCreateSchema>;

export const adminPlatformSchema = z.object({
  id: uuid,
  name: z.string(),
  departement: z.string(),
  academie: z.string(),
  activeAgents: z.number().int().nonnegative(),
});
export type AdminPlatform = z.infer<typeof adminPlatformSchema>;

export const adminPlatformsResponseSchema = z.object({ platforms: z.array(adminPlatformSchema) });

export const adminAgentSchema = z.object({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  role: z.enum(role.values),
  platformId: uuid.nullable(),
  platformName: z.string().nullable(),
  structure: z.string(),
  active: z.boolean(),
});
export type AdminAgent = z.infer<typeof adminAgentSchema>;

export const adminAgentsResponseSchema = z.object({ agents: z.array(adminAgentSchema) });

const accountEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: 'L’adresse électronique est obligatoire' })
  .max(254)
  .refine((value) => z.email().safeParse(value).success, { error: 'Adresse électronique invalide' });

const roleChoice = z.enum(role.values, { error: 'Rôle à choisir dans la liste' });

/** An admin has no platform; every other role has one. Checked on an account as created or as a change leaves it. */
export function agentPlatformIssue(account: { role: string; platformId: string | null }): string | null {
  if (account.role === 'admin') return account.platformId ? 'Un administrateur n’appartient à aucune plateforme' : null;
  return account.platformId ? null : 'La plateforme est obligatoire pour ce rôle';
}

export const agentCreateSchema = z
  .object({
    email: accountEmail,
    displayName: requiredText(200, 'Le nom'),
    role: roleChoice,
    platformId: uuid.nullable().default(null),
    structure: text(200).default(''),
    /** Given to the agent by the admin; it must pass the accounts' password policy like any other. */
    temporaryPassword: z.string().max(200, { error: '200 caractères au maximum' }),
  })
  .strict()
  .superRefine((account, ctx) => {
    const issue = agentPlatformIssue(account);
    if (issue) ctx.addIssue({ code: 'custom', path: ['platformId'], message: issue });
    for (const message of passwordPolicyProblems(account.temporaryPassword, account.email)) {
      ctx.addIssue({ code: 'custom', path: ['temporaryPassword'], message });
    }
  });
export type AgentCreate = z.infer<typeof agentCreateSchema>;

/** A change to an account; agentPlatformIssue is checked on the account as it would become. */
export const agentPatchSchema = z
  .object({
    active: z.boolean(),
    role: roleChoice,
    platformId: uuid.nullable(),
    displayName: requiredText(200, 'Le nom'),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'Aucune modification' });
export type AgentPatch = z.infer<typeof agentPatchSchema>;

export const agentPatchResponseSchema = z.object({
  agent: adminAgentSchema,
  /** Devices cut off because the change altered what the agent sees (role kind or platform). */
  revokedDevices: z.number().int().nonnegative(),
});
export type AgentPatchResponse = z.infer<typeof agentPatchResponseSchema>;
