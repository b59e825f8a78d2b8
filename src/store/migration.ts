/** One numbered schema change; applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}
