import { storageFailureKind } from '../db/storage-health';
import { errorMessage } from './format';

/** A save the device's storage refused, said in full; null for any other failure. */
export function storageFailureMessage(error: unknown): string | null {
  const kind = storageFailureKind(error);
  if (kind === 'quota') {
    return (
      'L’espace de stockage de l’appareil est plein : rien n’a été enregistré, votre saisie est conservée dans le ' +
      'formulaire, libérez de l’espace ou synchronisez puis réessayez.'
    );
  }
  if (kind === 'aborted') {
    return (
      'L’enregistrement sur l’appareil a été interrompu : rien n’a été enregistré, votre saisie est conservée dans ' +
      'le formulaire. Réessayez ; si cela se reproduit, libérez de l’espace ou synchronisez.'
    );
  }
  return null;
}

/**
 * What a form says when its save fails: a storage failure in full (the same
 * words on every form), any other failure worded by the form from its message.
 */
export function describeSaveFailure(error: unknown, wordFailure: (message: string) => string): string {
  return storageFailureMessage(error) ?? wordFailure(errorMessage(error));
}
