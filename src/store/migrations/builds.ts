import type { Migration } from '../migrations.js';

/** The builds feature's schema changes (number 4: see MIGRATION_NUMBERS). */
export const buildMigrations: Migration[] = [];
