/** The account and region every stored resource belongs to; AWS keeps regions apart. */
export interface Scope {
  account: string;
  region: string;
}
