import { actionTypeKey, type ActionTypeDefinition, type ActionTypeId } from '../model/index.js';
import type { ActionProvider } from './contract.js';

/** Providers of action types known only at run time (custom action types, stand-ins), asked after the registered ones. */
export interface ProviderSource {
  find(id: ActionTypeId): ActionProvider | undefined;
  /** The non-AWS types it knows, so pipeline validation accepts them. */
  types(): ActionTypeDefinition[];
}

/** The providers of the action types this emulator can run, keyed by category/owner/provider/version. */
export class ProviderRegistry {
  private readonly providers = new Map<string, ActionProvider>();
  private readonly sources: ProviderSource[] = [];

  constructor(providers: ActionProvider[] = []) {
    providers.forEach((p) => this.register(p));
  }

  /** Adds a provider; a second one for the same type replaces the first. */
  register(provider: ActionProvider): void {
    this.providers.set(actionTypeKey(provider.type.id), provider);
  }

  /** Adds a source of providers for types no registered provider runs. */
  addSource(source: ProviderSource): void {
    this.sources.push(source);
  }

  /** Returns the provider of an action type, or undefined when it is not emulated. */
  find(id: ActionTypeId): ActionProvider | undefined {
    const registered = this.providers.get(actionTypeKey(id));
    if (registered) return registered;
    for (const source of this.sources) {
      const found = source.find(id);
      if (found) return found;
    }
    return undefined;
  }

  /** Tells whether a registered provider (not a source) runs this type, so a stand-in never replaces it. */
  runs(id: ActionTypeId): boolean {
    return this.providers.has(actionTypeKey(id));
  }

  /** Lists the registered types and the sources' types that are not AWS built-ins, so validation accepts them. */
  customTypes(): ActionTypeDefinition[] {
    return [...[...this.providers.values()].map((p) => p.type), ...this.sources.flatMap((s) => s.types())].filter((t) => t.id.owner !== 'AWS');
  }
}
