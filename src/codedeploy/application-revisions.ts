import type { Clock } from '../shared/index.js';
import type { ApplicationRevisionRecord, CodeDeployRevisionStore, RevisionLocation, Scope } from '../store/index.js';
import { DeploymentRefusal } from './deployment-refusal.js';

/** What a deployment found of its S3 revision: the object's version id (absent on unversioned buckets) and ETag. */
export interface FetchedObject {
  version?: string;
  eTag?: string;
}

/** A revision location with its S3 ETag unquoted and an empty type filled in from its members, as it is stored and compared. */
export function normalizeRevision(revision: RevisionLocation | undefined): RevisionLocation {
  if (!revision) throw new DeploymentRefusal('RevisionRequired', 'The revision ID was not specified.');
  const type = revision.revisionType ?? (revision.s3Location ? 'S3' : revision.gitHubLocation ? 'GitHub' : revision.appSpecContent ? 'AppSpecContent' : revision.string ? 'String' : undefined);
  if (!type) throw new DeploymentRefusal('RevisionRequired', 'The revision ID was not specified.');
  if (type === 'S3') {
    const { bucket, key, bundleType, version, eTag } = revision.s3Location ?? {};
    if (!bucket || !key) throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: an S3 revision needs a bucket and a key.');
    return { revisionType: 'S3', s3Location: { bucket, key, ...defined({ bundleType, version, eTag: eTag?.replace(/^"|"$/g, '') }) } };
  }
  if (type === 'GitHub') {
    const { repository, commitId } = revision.gitHubLocation ?? {};
    if (!repository || !commitId) throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: a GitHub revision needs a repository and a commitId.');
    return { revisionType: 'GitHub', gitHubLocation: { repository, commitId } };
  }
  const content = type === 'String' ? revision.string : revision.appSpecContent;
  if (!content?.content) throw new DeploymentRefusal('InvalidRevision', `The revision is invalid: a ${type} revision needs a content.`);
  return type === 'String' ? { revisionType: 'String', string: content } : { revisionType: 'AppSpecContent', appSpecContent: content };
}

/** The key a revision is stored under: every member of its location, so two uploads of one key are two revisions. */
export function revisionIdentity(revision: RevisionLocation): string {
  const s3 = revision.s3Location;
  const git = revision.gitHubLocation;
  const content = revision.appSpecContent ?? revision.string;
  const parts = s3 ? [s3.bucket, s3.key, s3.bundleType, s3.version, s3.eTag] : git ? [git.repository, git.commitId] : [content?.sha256 ?? content?.content];
  return JSON.stringify([revision.revisionType, ...parts.map((p) => p ?? '')]);
}

/**
 * Whether a stored revision is the one a request names: every member the request gives must match; members it leaves
 * out (an S3 version or ETag) match anything, or what the deployment fetched when it says.
 */
function matches(stored: RevisionLocation, wanted: RevisionLocation, fetched: FetchedObject = {}): boolean {
  if (stored.revisionType !== wanted.revisionType) return false;
  if (!stored.s3Location || !wanted.s3Location) return revisionIdentity(stored) === revisionIdentity(wanted);
  const a = stored.s3Location;
  const b = { ...wanted.s3Location, version: wanted.s3Location.version ?? fetched.version, eTag: wanted.s3Location.eTag ?? fetched.eTag };
  const same = (x: string | undefined, y: string | undefined) => y === undefined || x === y;
  return a.bucket === b.bucket && a.key === b.key && same(a.bundleType, b.bundleType) && same(a.version, b.version) && same(a.eTag, b.eTag);
}

/** CodeDeploy's application revisions: registered by RegisterApplicationRevision or by the first deployment of them. */
export class ApplicationRevisions {
  constructor(private readonly deps: { store: CodeDeployRevisionStore; clock: Clock }) {}

  /** RegisterApplicationRevision: records a revision (again: its description and register time are replaced, its use kept). */
  register(scope: Scope, applicationName: string, revision: RevisionLocation | undefined, description?: string): ApplicationRevisionRecord {
    const location = normalizeRevision(revision);
    const identity = revisionIdentity(location);
    const known = this.deps.store.get(scope, applicationName, identity);
    const record: ApplicationRevisionRecord = { ...known, applicationName, revision: location, registerMs: this.deps.clock.now(), ...defined({ description }) };
    if (description === undefined) delete record.description;
    this.deps.store.put(scope, identity, record);
    return record;
  }

  /** The registered revision a location names (the latest registered when members left out match several); undefined when none. */
  find(scope: Scope, applicationName: string, revision: RevisionLocation, fetched?: FetchedObject): ApplicationRevisionRecord | undefined {
    const wanted = normalizeRevision(revision);
    return this.list(scope, applicationName).filter((r) => matches(r.revision, wanted, fetched)).at(-1);
  }

  /** Every registered revision of an application, in registration order. */
  list(scope: Scope, applicationName: string): ApplicationRevisionRecord[] {
    return this.deps.store.list(scope, applicationName);
  }

  /**
   * Records that a deployment group deployed a revision: registered first if unknown (with what the deployment fetched),
   * its first and last use set, and it becomes the group's target revision (no other revision of the application is).
   */
  deployed(scope: Scope, applicationName: string, deploymentGroupName: string, revision: RevisionLocation, fetched: FetchedObject = {}): void {
    const now = this.deps.clock.now();
    const wanted = normalizeRevision(revision);
    const known = this.find(scope, applicationName, wanted, fetched);
    const location = known?.revision ?? withFetched(wanted, fetched);
    for (const other of this.list(scope, applicationName)) {
      if (other !== known && other.deploymentGroups?.includes(deploymentGroupName)) {
        this.deps.store.put(scope, revisionIdentity(other.revision), { ...other, deploymentGroups: other.deploymentGroups.filter((g) => g !== deploymentGroupName) });
      }
    }
    const groups = [...new Set([...(known?.deploymentGroups ?? []), deploymentGroupName])];
    const record: ApplicationRevisionRecord = { applicationName, revision: location, registerMs: now, ...known, firstUsedMs: known?.firstUsedMs ?? now, lastUsedMs: now, deploymentGroups: groups };
    this.deps.store.put(scope, revisionIdentity(location), record);
  }
}

function withFetched(revision: RevisionLocation, fetched: FetchedObject): RevisionLocation {
  if (!revision.s3Location) return revision;
  const s3 = revision.s3Location;
  return { ...revision, s3Location: { ...s3, ...defined({ version: s3.version ?? fetched.version, eTag: s3.eTag ?? fetched.eTag }) } };
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
