import { z } from 'zod';

/** French default messages for every schema; explicit messages in the schemas take precedence. */
z.config(z.locales.fr());
