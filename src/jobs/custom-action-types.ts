import { actionTypeKey, type ActionConfigurationProperty, type ActionTypeDefinition, type ActionTypeId, type CustomActionTypeRecord, type Scope } from '../model/index.js';
import type { Clock } from '../shared/index.js';
import type { CustomActionTypeStore } from '../store/index.js';
import { JobRefusal } from './job-refusal.js';

/** AWS's quota of custom action types per Region. */
export const CUSTOM_ACTION_TYPES_PER_REGION = 50;

function describe(id: Pick<ActionTypeId, 'category' | 'provider' | 'version'>): string {
  return `ActionType (Category: '${id.category}', Provider: '${id.provider}', Owner: 'Custom', Version: '${id.version}')`;
}

/** The rules AWS gives for configuration properties: at most one queryable, and that one required and not secret. */
function checkProperties(properties: readonly ActionConfigurationProperty[]): void {
  const queryable = properties.filter((p) => p.queryable);
  if (queryable.length > 1) throw new JobRefusal('ValidationException', 'Only one configuration property can be queryable'); // wording inferred
  const [q] = queryable;
  if (q && (!q.required || q.secret)) throw new JobRefusal('ValidationException', `The queryable configuration property ${q.name} must be required and must not be secret`); // wording inferred
  const names = new Set<string>();
  for (const p of properties) {
    if (names.has(p.name)) throw new JobRefusal('ValidationException', `Duplicate configuration property name: ${p.name}`); // wording inferred
    names.add(p.name);
  }
}

/** An account's custom action types (owner Custom): created, listed, changed and deleted as CodePipeline does. */
export class CustomActionTypes {
  constructor(
    private readonly store: CustomActionTypeStore,
    private readonly clock: Clock,
  ) {}

  /** CreateCustomActionType: a new type; a version used before (even one deleted since) cannot be used again. */
  create(scope: Scope, type: ActionTypeDefinition): ActionTypeDefinition {
    checkProperties(type.actionConfigurationProperties);
    const existing = this.store.get(scope, type.id);
    if (existing?.deleted) {
      throw new JobRefusal('ValidationException', `${describe(type.id)} was deleted: a custom action type cannot be created again with a version that was used before`); // wording inferred
    }
    if (existing) throw new JobRefusal('ValidationException', `${describe(type.id)} already exists`); // wording inferred
    if (this.store.active(scope).length >= CUSTOM_ACTION_TYPES_PER_REGION) {
      throw new JobRefusal('LimitExceededException', `The number of custom action types in this Region cannot exceed ${CUSTOM_ACTION_TYPES_PER_REGION}`); // wording inferred
    }
    this.store.put({ ...scope, type, deleted: false, createdMs: this.clock.now() });
    return type;
  }

  /** DeleteCustomActionType: marks the type deleted (its version stays used); an unknown type is no error. */
  delete(scope: Scope, id: Pick<ActionTypeId, 'category' | 'provider' | 'version'>): void {
    const existing = this.store.get(scope, id);
    if (existing && !existing.deleted) this.store.put({ ...existing, deleted: true });
  }

  /** The scope's type with this id, unless it was deleted. */
  find(scope: Scope, id: ActionTypeId): CustomActionTypeRecord | undefined {
    if (id.owner !== 'Custom') return undefined;
    const found = this.store.get(scope, id);
    return found && !found.deleted ? found : undefined;
  }

  /** The types of a scope, or of every account when none is given (pipeline validation has no scope). */
  list(scope?: Scope): ActionTypeDefinition[] {
    return this.store.active(scope).map((r) => r.type);
  }

  /** A type of any account by id, for running an action whose type was created in its pipeline's account. */
  findAnywhere(id: ActionTypeId): ActionTypeDefinition | undefined {
    const key = actionTypeKey(id);
    return this.list().find((t) => actionTypeKey(t.id) === key);
  }
}
