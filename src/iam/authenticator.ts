import type { IamAccessKeyRecord, IamStore } from '../store/index.js';
import { assumedRoleArn, rootPrincipal, type Principal } from './principal.js';
import type { UserRecord } from './records.js';
import { IamRefusal } from './refusal.js';
import { checkTime, signatureMatches, signatureParts, type SignedRequest } from './sigv4.js';

/** The root access key: given with --root-access-key-id/--root-secret-access-key, or made and kept at first start. */
export interface RootKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Verifies each request's SigV4 signature against the keys IAM knows and names its principal. */
export class Authenticator {
  /** Keys looked up and the principals they name, until the store changes. */
  private readonly known = new Map<string, { key: IamAccessKeyRecord; principal: Principal | undefined } | undefined>();
  private revision = -1;

  constructor(private readonly store: IamStore, private readonly account: string, private readonly root: RootKey, private readonly now: () => number) {}

  /** The principal of a signed request, or the refusal AWS would answer (unknown key, expired token, skew, bad signature). */
  async authenticate(req: SignedRequest): Promise<Principal> {
    const parts = signatureParts(req);
    if (!parts) throw new IamRefusal('MissingAuthentication', 'Missing Authentication Token');
    const { principal, secret } = this.keyOf(parts.accessKeyId, parts.sessionToken);
    checkTime(parts, this.now());
    if (!(await signatureMatches(req, parts, secret))) throw new IamRefusal('BadSignature', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
    return principal;
  }

  /**
   * The principal an access key names, without any signature check (the registry mode, without --iam): a user's or
   * a session's key names them, any other key the account's root.
   */
  identify(accessKeyId: string, account: string): Principal {
    const key = this.store.key(accessKeyId);
    return (key && this.principalOf(key)) ?? rootPrincipal(account, accessKeyId);
  }

  private keyOf(accessKeyId: string, sessionToken: string | undefined): { principal: Principal; secret: string } {
    const invalid = () => new IamRefusal('UnknownKey', 'The security token included in the request is invalid.');
    if (accessKeyId === this.root.accessKeyId) return { principal: rootPrincipal(this.account, accessKeyId), secret: this.root.secretAccessKey };
    const found = this.lookup(accessKeyId);
    if (!found || found.key.status !== 'Active') throw invalid();
    const { key, principal } = found;
    if (key.session) {
      if (sessionToken !== key.session.sessionToken) throw invalid();
      if (key.session.expiresMs <= this.now()) throw new IamRefusal('ExpiredToken', 'The security token included in the request is expired');
    }
    if (!principal) throw invalid();
    return { principal, secret: key.secretAccessKey };
  }

  private lookup(accessKeyId: string): { key: IamAccessKeyRecord; principal: Principal | undefined } | undefined {
    if (this.revision !== this.store.revision) {
      this.known.clear();
      this.revision = this.store.revision;
    }
    if (this.known.has(accessKeyId)) return this.known.get(accessKeyId);
    const key = this.store.key(accessKeyId);
    const found = key && { key, principal: this.principalOf(key) };
    // Unknown ids are not remembered: anyone could fill the map with them.
    if (found) {
      if (this.known.size > 10_000) this.known.clear();
      this.known.set(accessKeyId, found);
    }
    return found;
  }

  private principalOf(key: IamAccessKeyRecord): Principal | undefined {
    const { accessKeyId } = key;
    if (key.session) {
      const { roleName, roleId, sessionName } = key.session;
      return { kind: 'assumed-role', account: key.account, arn: assumedRoleArn(key.account, roleName, sessionName), userId: `${roleId}:${sessionName}`, name: roleName, accessKeyId };
    }
    const user = this.store.get<UserRecord>(key.account, 'user', key.owner);
    return user && { kind: 'user', account: key.account, arn: user.arn, userId: user.userId, name: user.userName, accessKeyId };
  }
}
