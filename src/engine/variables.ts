/** The variables an action's configuration may refer to, by namespace. */
export interface VariableScope {
  pipelineExecutionId: string;
  /** Pipeline-level variables (`#{variables.NAME}`), resolved for this execution. */
  pipelineVariables: Record<string, string>;
  /** Output variables of earlier actions that declare a namespace (`#{Namespace.NAME}`). */
  namespaces: Map<string, Record<string, string>>;
}

/** Configuration with every reference replaced, or the references that could not be. */
export type Resolution = { ok: true; configuration: Record<string, string> } | { ok: false; unresolved: string[] };

const REFERENCE = /#\{([^}.]+)\.([^}]+)\}/g;

function lookup(scope: VariableScope, namespace: string, key: string): string | undefined {
  if (namespace === 'codepipeline') return key === 'PipelineExecutionId' ? scope.pipelineExecutionId : undefined;
  if (namespace === 'variables') return scope.pipelineVariables[key];
  return scope.namespaces.get(namespace)?.[key];
}

/** Resolves `#{namespace.key}` references in configuration values, as CodePipeline does just before an action runs. */
export function resolveVariables(configuration: Record<string, string>, scope: VariableScope): Resolution {
  const unresolved: string[] = [];
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(configuration)) {
    resolved[key] = value.replace(REFERENCE, (whole, namespace: string, name: string) => {
      const found = lookup(scope, namespace, name);
      if (found === undefined) unresolved.push(whole);
      return found ?? whole;
    });
  }
  return unresolved.length ? { ok: false, unresolved } : { ok: true, configuration: resolved };
}
