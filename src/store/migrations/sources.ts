import type { Migration } from '../migrations.js';

/** The sources feature's schema changes (number 3: see MIGRATION_NUMBERS). */
export const sourceMigrations: Migration[] = [];
