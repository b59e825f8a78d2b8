import type { Migration } from '../migrations.js';

/** The deploys feature's schema changes (number 5: see MIGRATION_NUMBERS). */
export const deployMigrations: Migration[] = [];
