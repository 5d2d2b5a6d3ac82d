import { z } from 'zod';
import fr from 'zod/v4/locales/fr.js';

/** French default messages for every schema; explicit messages in the schemas take precedence. */
z.config(fr());

/**
 * No generated code: zod compiles fast object parsers with `new Function`, which
 * the app's Content-Security-Policy (script-src 'self', no 'unsafe-eval')
 * forbids — even zod's probe for it is reported as a violation.
 */
z.config({ jitless: true });
