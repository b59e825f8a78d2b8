import type { Migration } from '../migrations.js';

/** The instances feature's schema changes (number 7: see MIGRATION_NUMBERS). */
export const instanceMigrations: Migration[] = [];
