import type { AuthErrorCode } from '../../domain/auth-messages';
import { HttpError } from '../http/http-error';

const MESSAGES: Record<AuthErrorCode, string> = {
  token_expired: 'Jeton d’accès expiré : renouvelez la session',
  unauthenticated: 'Session absente ou invalide : connectez-vous',
  session_ended: 'Votre session est terminée : reconnectez-vous',
  device_revoked: 'L’accès de cet appareil a été retiré : ses données vont être effacées, reconnectez-vous',
};

/** A 401 whose `error` tells the app what to do (see authErrorCode in the domain). */
export function sessionRefused(code: AuthErrorCode): HttpError {
  return new HttpError(401, code, MESSAGES[code]);
}
