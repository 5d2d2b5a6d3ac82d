import { reactive, ref } from 'vue';
import { z } from 'zod';
import { passwordPolicyProblems } from '../../domain/password-policy';
import { changeSecret, readKeyring } from '../db/crypto/device-lock';
import { appDb } from '../db/instance';
import { useSessionStore } from '../stores/session';
import { api } from '../sync/api';
import { ApiFailure } from '../sync/api-client';
import type { FieldErrors } from './use-form-validation';
import { onlineActionFailure } from './use-online-request';

export interface PasswordChangeForm {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}
export type PasswordChangeField = keyof PasswordChangeForm;

const sentences = (problems: string[]) => problems.map((problem) => `${problem}.`).join(' ');

/** What is wrong with one field of the form, in French (undefined: nothing). */
export function passwordChangeProblem(
  form: PasswordChangeForm,
  field: PasswordChangeField,
  email: string,
): string | undefined {
  switch (field) {
    case 'currentPassword':
      return form.currentPassword ? undefined : 'Saisissez votre mot de passe actuel';
    case 'newPassword': {
      if (!form.newPassword) return 'Saisissez le nouveau mot de passe';
      const problems = passwordPolicyProblems(form.newPassword, email);
      if (form.currentPassword && form.newPassword === form.currentPassword) {
        problems.push('Le nouveau mot de passe doit être différent de l’actuel');
      }
      return problems.length > 0 ? sentences(problems) : undefined;
    }
    case 'confirmation':
      if (!form.confirmation) return 'Saisissez à nouveau le nouveau mot de passe';
      return form.confirmation === form.newPassword ? undefined : 'Les deux saisies du nouveau mot de passe diffèrent';
  }
}

const FIELDS: PasswordChangeField[] = ['currentPassword', 'newPassword', 'confirmation'];

/**
 * The password change: each field checked when it loses focus (and again as
 * it is corrected), all of them on submit, then POST /api/account/password.
 * The endpoint's refusals land on their field (the current password wrong,
 * the new one refused by the policy); the rest (no network, too many
 * attempts) is said above the button.
 */
export function usePasswordChange(email: () => string) {
  const form = ref<PasswordChangeForm>({ currentPassword: '', newPassword: '', confirmation: '' });
  const errors = reactive<FieldErrors>({});
  const sending = ref(false);
  const failure = ref('');
  const changed = ref(false);
  const session = useSessionStore();

  function validateField(field: PasswordChangeField): void {
    errors[field] = passwordChangeProblem(form.value, field, email());
  }

  /** A field shown in error is checked again as it is typed; the confirmation follows the new password. */
  function update(field: PasswordChangeField, value: string): void {
    form.value[field] = value;
    changed.value = false;
    if (errors[field]) validateField(field);
    if (field === 'newPassword' && errors.confirmation) validateField('confirmation');
  }

  function showRefusal(error: unknown): void {
    if (!(error instanceof ApiFailure)) {
      failure.value = onlineActionFailure(error);
      return;
    }
    if (error.status === 401 && error.body?.error === 'invalid_current_password') {
      errors.currentPassword = error.message;
      return;
    }
    const issues = error.status === 400 ? (error.body?.issues ?? []) : [];
    const onNewPassword = issues.filter((issue) => issue.path === 'newPassword').map((issue) => issue.message);
    if (onNewPassword.length > 0) errors.newPassword = sentences(onNewPassword);
    else failure.value = onlineActionFailure(error);
  }

  /** True once the endpoint has changed the password. */
  async function submit(): Promise<boolean> {
    failure.value = '';
    changed.value = false;
    for (const field of FIELDS) validateField(field);
    if (FIELDS.some((field) => errors[field])) return false;
    sending.value = true;
    try {
      const { currentPassword, newPassword } = form.value;
      await api.post('/api/account/password', { currentPassword, newPassword }, z.unknown());
      // This device's data key is also wrapped by the password (recovery after too many wrong PINs): the new one now.
      if (await readKeyring(appDb)) await changeSecret(appDb, 'password', newPassword).catch(() => undefined);
      form.value = { currentPassword: '', newPassword: '', confirmation: '' };
      await session.passwordChosen();
      changed.value = true;
      return true;
    } catch (error) {
      showRefusal(error);
      return false;
    } finally {
      sending.value = false;
    }
  }

  return { form, errors, sending, failure, changed, validateField, update, submit };
}
