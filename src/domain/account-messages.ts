import { z } from 'zod';

/**
 * POST /api/account/password. The new password's policy (password-policy.ts)
 * needs the account's e-mail, so the endpoint checks it after this shape.
 */
export const passwordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1, { error: 'Le mot de passe actuel est obligatoire' }).max(200),
  newPassword: z
    .string()
    .min(1, { error: 'Le nouveau mot de passe est obligatoire' })
    .max(200, { error: 'Le mot de passe ne doit pas dépasser 200 caractères' }),
});
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;
