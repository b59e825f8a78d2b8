import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ApplicationRevisions } from '../../src/codedeploy/application-revisions.js';
import { DeploymentService } from '../../src/codedeploy/deployment-service.js';
import { S3Storage } from '../../src/s3/index.js';
import type { DeployToInstance } from '../../src/codedeploy/instance-deployment.js';
import type { DeployableInstance } from '../../src/codedeploy/instance-directory.js';
import { silentLogger, systemClock } from '../../src/shared/index.js';
import { CodeDeployDeploymentStore, CodeDeployRevisionStore, CodeDeployStore, openDatabase, type Db, type DeploymentGroupRecord } from '../../src/store/index.js';

/** The scope every fixture resource lives in. */
export const SCOPE = { account: '000000000000', region: 'us-east-1' };

/** A DeploymentService over a fresh database and folders, with fake instances and a given agent. */
export interface ServiceFixture {
  dir: string;
  s3Dir: string;
  db: Db;
  store: CodeDeployStore;
  deploymentStore: CodeDeployDeploymentStore;
  revisions: ApplicationRevisions;
  /** The S3 stand-in over s3Dir that S3 revisions are read through. */
  s3: S3Storage;
  service: DeploymentService;
  instances: DeployableInstance[];
  /** Creates application `app` and group `group` targeting instances tagged Role=web. */
  group(overrides?: Partial<DeploymentGroupRecord>): DeploymentGroupRecord;
  /** Writes a zip revision into the bucket folder and returns its S3 revision. */
  putRevision(bucket: string, key: string, files?: Record<string, string>): { revisionType: 'S3'; s3Location: { bucket: string; key: string; bundleType: 'zip' } };
  /** A second service over the same database, as after a restart. */
  restart(deploy: DeployToInstance): DeploymentService;
  close(): Promise<void>;
}

/** Makes `count` fake instances web-1..web-N tagged Role=web. */
export function webInstances(count: number): DeployableInstance[] {
  return Array.from({ length: count }, (_, i) => ({
    instanceName: `web-${i + 1}`,
    instanceArn: `arn:aws:codedeploy:us-east-1:000000000000:instance/web-${i + 1}_ABCDEFGHIJ`,
    tags: [{ Key: 'Role', Value: 'web' }],
    container: `container-web-${i + 1}`,
  }));
}

/** Builds a fixture; close() stops the service and removes its folder. */
export function serviceFixture(deploy: DeployToInstance, instances: DeployableInstance[] = webInstances(3)): ServiceFixture {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-deploy-'));
  const s3Dir = join(dir, 's3');
  const db = openDatabase(join(dir, 'data'));
  const store = new CodeDeployStore(db);
  const deploymentStore = new CodeDeployDeploymentStore(db);
  const revisions = new ApplicationRevisions({ store: new CodeDeployRevisionStore(db), clock: systemClock });
  const s3 = new S3Storage(s3Dir, () => Date.now());
  const make = (agent: DeployToInstance) =>
    new DeploymentService({
      store,
      deployments: deploymentStore,
      instances: { registered: () => instances },
      deployToInstance: agent,
      sources: { s3, artifactsDir: join(dir, 'artifacts') },
      revisions,
      bundlesDir: join(dir, 'bundles'),
      clock: systemClock,
      log: silentLogger(),
    });
  const services = [make(deploy)];
  return {
    dir,
    s3Dir,
    db,
    store,
    deploymentStore,
    revisions,
    s3,
    service: services[0],
    instances,
    group(overrides = {}) {
      store.createApplication(SCOPE, { applicationId: 'app-id', applicationName: 'app', computePlatform: 'Server', createMs: Date.now() });
      const group: DeploymentGroupRecord = {
        applicationName: 'app',
        deploymentGroupId: 'group-id',
        deploymentGroupName: 'group',
        deploymentConfigName: 'CodeDeployDefault.OneAtATime',
        serviceRoleArn: 'arn:aws:iam::000000000000:role/CodeDeploy',
        ec2TagFilters: [{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' }],
        onPremisesInstanceTagFilters: [],
        autoScalingGroups: [],
        computePlatform: 'Server',
        passThrough: {},
        ...overrides,
      };
      store.createDeploymentGroup(SCOPE, group);
      return group;
    },
    putRevision(bucket, key, files = { 'appspec.yml': 'version: 0.0\nos: linux\n' }) {
      const path = join(s3Dir, bucket, key);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, strToU8(c)]))));
      return { revisionType: 'S3', s3Location: { bucket, key, bundleType: 'zip' } };
    },
    restart(agent) {
      const service = make(agent);
      services.push(service);
      return service;
    },
    async close() {
      for (const s of services) await s.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
