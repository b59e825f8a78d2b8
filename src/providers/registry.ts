import { actionTypeKey, type ActionTypeDefinition, type ActionTypeId } from '../model/index.js';
import type { ActionProvider } from './contract.js';

/** The providers of the action types this emulator can run, keyed by category/owner/provider/version. */
export class ProviderRegistry {
  private readonly providers = new Map<string, ActionProvider>();

  constructor(providers: ActionProvider[] = []) {
    providers.forEach((p) => this.register(p));
  }

  /** Adds a provider; a second one for the same type replaces the first. */
  register(provider: ActionProvider): void {
    this.providers.set(actionTypeKey(provider.type.id), provider);
  }

  /** Returns the provider of an action type, or undefined when it is not emulated. */
  find(id: ActionTypeId): ActionProvider | undefined {
    return this.providers.get(actionTypeKey(id));
  }

  /** Lists the registered types that are not AWS built-ins, so validation accepts them. */
  customTypes(): ActionTypeDefinition[] {
    return [...this.providers.values()].map((p) => p.type).filter((t) => t.id.owner !== 'AWS');
  }
}
