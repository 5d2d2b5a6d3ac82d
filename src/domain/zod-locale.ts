import { z } from 'zod';
import fr from 'zod/v4/locales/fr.js';

/** French default messages for every schema; explicit messages in the schemas take precedence. */
z.config(fr());
