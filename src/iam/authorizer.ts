import type { IamStore } from '../store/index.js';
import type { IamPolicies } from './policies.js';
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';
import { evaluatePolicies, type AuthorizationRequest, type Decision } from './policy-evaluation.js';
import type { Principal } from './principal.js';
import type { GroupRecord, PolicyHolder, RoleRecord, UserRecord } from './records.js';
import { IamRefusal } from './refusal.js';

/** One call to authorise: the action and every resource it touches (all must be allowed), and its condition keys. */
export interface AuthorizationCall {
  action: string;
  resources: string[];
  context: Record<string, string[]>;
}

/** AWS's AccessDenied message for an identity-based refusal (S3 quotes the resource). */
export function deniedMessage(principal: Principal, action: string, resource: string, decision: Decision, quoteResource = false): string {
  const on = quoteResource ? `"${resource}"` : resource;
  const why = decision === 'ExplicitDeny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  return `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${on} ${why}`;
}

/** Evaluates a principal's identity-based policies for each call (the root is allowed everything, as in AWS). */
export class Authorizer {
  private readonly parsed = new Map<string, PolicyDocument>();
  /** Each principal's documents, until the store changes (a policy, attachment or membership written). */
  private readonly byPrincipal = new Map<string, PolicyDocument[]>();
  private revision = -1;

  constructor(private readonly store: IamStore, private readonly policies: IamPolicies) {}

  /** The decision for one action on one resource. */
  decide(principal: Principal, request: AuthorizationRequest): Decision {
    if (principal.kind === 'root') return 'Allow';
    return evaluatePolicies(this.documentsOf(principal), request);
  }

  /** Refuses (AccessDenied with AWS's message) unless every resource of the call is allowed. */
  authorize(principal: Principal, call: AuthorizationCall, quoteResource = false): void {
    if (principal.kind === 'root') return;
    const documents = this.documentsOf(principal);
    for (const resource of call.resources) {
      const decision = evaluatePolicies(documents, { action: call.action, resource, context: call.context });
      if (decision !== 'Allow') throw new IamRefusal('AccessDenied', deniedMessage(principal, call.action, resource, decision, quoteResource));
    }
  }

  /** The identity policies in force for a principal: a user's own and its groups', or the session's role's. */
  documentsOf(principal: Principal): PolicyDocument[] {
    if (this.revision !== this.store.revision) {
      this.byPrincipal.clear();
      this.revision = this.store.revision;
    }
    const key = `${principal.kind}\n${principal.account}\n${principal.name}`;
    let documents = this.byPrincipal.get(key);
    if (!documents) {
      if (this.byPrincipal.size > 1000) this.byPrincipal.clear();
      documents = this.load(principal);
      this.byPrincipal.set(key, documents);
    }
    return documents;
  }

  private load(principal: Principal): PolicyDocument[] {
    const { account } = principal;
    const holders: PolicyHolder[] = [];
    if (principal.kind === 'user') {
      const user = this.store.get<UserRecord>(account, 'user', principal.name);
      if (user) holders.push(user, ...user.groups.flatMap((g) => this.store.get<GroupRecord>(account, 'group', g) ?? []));
    } else if (principal.kind === 'assumed-role') {
      const role = this.store.get<RoleRecord>(account, 'role', principal.name);
      if (role) holders.push(role);
    }
    return holders.flatMap((h) => this.policies.documentsOf(account, h)).map((text) => this.parse(text));
  }

  private parse(text: string): PolicyDocument {
    let doc = this.parsed.get(text);
    if (!doc) {
      if (this.parsed.size > 1000) this.parsed.clear();
      doc = parsePolicyDocument(text, 'identity');
      this.parsed.set(text, doc);
    }
    return doc;
  }
}
