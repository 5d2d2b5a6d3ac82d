import { RaccrocheDatabase } from './database';

/** The app's one database on this device. */
export const appDb = new RaccrocheDatabase();
