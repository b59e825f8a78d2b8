/** Label key that marks every container this project creates. */
export const PROJECT_LABEL_KEY = 'codepipeline-local';

/** Value of {@link PROJECT_LABEL_KEY} on every container this project creates. */
export const PROJECT_LABEL_VALUE = 'true';

/** The project label as a Docker label filter (`key=value`). */
export const PROJECT_LABEL_FILTER = `${PROJECT_LABEL_KEY}=${PROJECT_LABEL_VALUE}`;

/** Container labels as Docker takes them. */
export type Labels = Readonly<Record<string, string>>;

/**
 * Merges label sets left to right and adds the project label last.
 *
 * The project label always wins because cleanup finds our containers by it: a caller must not be able to hide one.
 */
export function withProjectLabel(...labelSets: Array<Labels | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const labels of labelSets) Object.assign(merged, labels);
  merged[PROJECT_LABEL_KEY] = PROJECT_LABEL_VALUE;
  return merged;
}
