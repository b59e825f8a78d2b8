import type { Migration } from '../migrations.js';

/** The change-detection state's schema changes (number 6: see MIGRATION_NUMBERS). */
export const sourceWatchMigrations: Migration[] = [];
