/**
 * Renders an action type's URL template (`entityUrlTemplate`, `executionUrlTemplate`): `{Config:<name>}` becomes the
 * action's configuration value of that property, `{ExternalExecutionId}` the id the job worker reported. A template
 * naming a value the action does not have is not rendered (undefined), rather than linking somewhere wrong.
 */
export function renderUrlTemplate(template: string | undefined, configuration: Record<string, string>, externalExecutionId?: string): string | undefined {
  if (!template) return undefined;
  let missing = false;
  const url = template.replace(/\{(Config:([^}]+)|ExternalExecutionId)\}/g, (_, whole: string, name: string | undefined) => {
    const value = name !== undefined ? configuration[name] : externalExecutionId;
    if (value === undefined) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : url;
}
