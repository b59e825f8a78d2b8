import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AccessGuard, registerDenialsRoute } from '../api/access-control/index.js';
import { iamService } from '../api/iam/index.js';
import { stsService } from '../api/sts/index.js';
import type { CallGuard, ServiceDefinition } from '../api/index.js';
import { ROOT_KEY_FILE, type Config } from '../config.js';
import { createIam, iamId, newSecret, RecentDenials, type Iam, type RoleRecord, type RootKey } from '../iam/index.js';
import type { ProviderLookup } from '../providers/index.js';
import type { Clock, Logger } from '../shared/index.js';
import { IamStore, TagStore, type Db } from '../store/index.js';
import { checkingServiceRoles } from './service-role-permissions.js';

/** Access control as main.ts composes it: IAM and STS always, and with --iam the guard and the service-role checks. */
export interface IamWiring {
  iam: Iam;
  services: ServiceDefinition[];
  /** The root key, with --iam. */
  root?: RootKey;
  guard?: CallGuard;
  /** Whether a role exists and trusts CodePipeline, with --iam (CreatePipeline/UpdatePipeline check it). */
  serviceRoles?: { trustsCodePipeline(scope: { account: string }, roleArn: string): boolean };
  /** The providers as the engine should find them: checking the pipeline's role with --iam, unchanged without. */
  providers(lookup: ProviderLookup): ProviderLookup;
  /** With --iam, the console's view of recent refusals (a signed GET). */
  routes?(app: FastifyInstance): void;
}

/** The root key: given by flags, else the one kept in the data folder, else a new one kept there (so scripts keep working). */
function rootKey(config: Config): RootKey {
  if (config.rootAccessKeyId && config.rootSecretAccessKey) return { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey };
  const file = join(config.dataDir, ROOT_KEY_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RootKey;
  const key = { accessKeyId: iamId('AKIA', 16), secretAccessKey: newSecret() };
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

/** Builds IAM and STS over the store; with --iam also the root key (logged at start), the call guard and the role checks. */
export function iamWiring(config: Config, db: Db, clock: Clock, log: Logger): IamWiring {
  const store = new IamStore(db);
  const now = () => clock.now();
  // Without --iam no signature is checked, so the root key is never asked for: one is made for this run only.
  const root = config.iam ? rootKey(config) : { accessKeyId: iamId('AKIA', 16), secretAccessKey: newSecret() };
  const iam = createIam(store, config.account, root, now);
  const services = [iamService({ iam, enforced: config.iam }), stsService({ iam, enforced: config.iam })];
  if (!config.iam) return { iam, services, providers: (lookup) => lookup };
  log.info({ rootAccessKeyId: root.accessKeyId, rootSecretAccessKey: root.secretAccessKey },
    `access control is on (--iam): requests must be signed; root access key ${root.accessKeyId} with secret ${root.secretAccessKey}`);
  const tags = new TagStore(db);
  const denials = new RecentDenials();
  const trusts = (scope: { account: string }, roleArn: string) => {
    const name = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    const role = name && name[1] === scope.account ? store.get<RoleRecord>(name[1], 'role', name[2]) : undefined;
    return Boolean(role && role.arn === roleArn && iam.sessions.trustsService(role, 'codepipeline.amazonaws.com'));
  };
  return {
    iam,
    services,
    root,
    guard: new AccessGuard({ iam, store, now, log: log.child({ feature: 'iam' }), denials, resourceTags: (arn) => tags.list(arn) }),
    serviceRoles: { trustsCodePipeline: trusts },
    providers: (lookup) => checkingServiceRoles(lookup, iam, store, clock, denials),
    routes: (app) => registerDenialsRoute(app, { iam, denials }),
  };
}
