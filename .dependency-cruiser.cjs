/**
 * The dependency rules of ../shared/reference/architecture.md, checked by `npm test` (npm run check:deps).
 * Every folder may import src/shared; the rest points one way: model <- store <- domains <- api <- wiring/main.
 */
const SRC = '^src/';
// A folder (`store`) or one file (`providers/contract.ts`) under src/.
const layer = (name) => (name.endsWith('.ts') ? `^src/${name.replace(/\./g, '\\.')}$` : `^src/${name}/`);
// Files of pure constants and string functions the console shares with the server, so that one list (final
// statuses) or one parser (ARNs) serves both; they import nothing, so nothing of the server reaches the browser.
const CONSOLE_SHARED_FILES = ['model/execution-status.ts', 'shared/arn.ts'];
/** Forbids a layer every src/ import except the folders it may use. */
const only = (name, allowed, comment) => ({
  name: `${name}-imports-only-${allowed.join('-') || 'shared'}`.replace(/[^\w-]/g, '-'),
  comment,
  severity: 'error',
  from: { path: layer(name) },
  to: { path: SRC, pathNot: [layer(name), layer('shared'), ...allowed.map(layer)] },
});

module.exports = {
  forbidden: [
    // A cycle of type-only imports (a file naming a type its importer declares) costs nothing at run time.
    { name: 'no-cycles', severity: 'error', from: { path: SRC }, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    only('shared', [], 'shared is tiny and dependency-free: everyone imports it, it imports nothing of ours'),
    only('model', [], 'model imports nothing of ours'),
    only('store', ['model'], 'store maps model types to SQLite and knows nothing above it'),
    only('runner', [], 'runner runs containers and knows nothing about pipelines'),
    only('watch', [], 'watch turns file and ref changes into events and stands alone'),
    only('engine', ['model', 'store', 'providers/contract.ts'], 'engine uses the provider contract, never a provider'),
    only('providers', ['model', 'runner', 'codebuild', 'codedeploy', 'git', 'sources', 'jobs', 's3'], 'providers never touch the store: a domain owns its records'),
    only('git', ['model', 'store', 'runner'], 'a service domain'),
    only('codebuild', ['model', 'store', 'runner', 'git', 's3'], 'a service domain'),
    only('codedeploy', ['model', 'store', 'runner', 'git', 's3'], 'a service domain'),
    only('sources', ['model', 'store', 'runner', 'git', 'watch', 's3'], 'a service domain'),
    only('jobs', ['model', 'store'], 'a service domain: custom action types and the jobs job workers take'),
    only('lambda', ['model', 'store', 'runner'], 'a service domain: Lambda functions, their code, and their invocation in containers speaking the Runtime API'),
    only('events', ['model', 'engine'], 'a service domain: EventBridge-shaped events made from engine, build and deployment records'),
    only('sns', ['model', 'store'], 'a service domain: SNS topics, subscriptions and HTTP/S delivery with retries'),
    only('notifications', ['model', 'store', 'engine', 'events', 'sns'], 'a service domain: CodeStar Notifications rules, their messages to SNS, and approval requests'),
    only('s3', ['model'], 'a service domain: buckets and objects over the --s3-dir folder'),
    only('iam', ['model', 'store'], 'a service domain: access control (--iam): IAM users, roles, policies, SigV4 verification, policy evaluation'),
    only('api', ['iam', 'engine', 'model', 'store', 'git', 'codebuild', 'codedeploy', 'sources', 's3', 'jobs', 'lambda', 'events', 'sns', 'notifications'], 'api speaks the protocols over engine, domains, store and model'),
    {
      name: 'ui-app-talks-http-only',
      comment: 'the console reaches the server only through HTTP; besides src/ui/shared it imports only the files of CONSOLE_SHARED_FILES',
      severity: 'error',
      from: { path: '^src/ui/app/' },
      to: { path: SRC, pathNot: ['^src/ui/app/', '^src/ui/shared/', ...CONSOLE_SHARED_FILES.map(layer)] },
    },
    {
      name: 'console-shared-files-import-nothing',
      comment: 'a file the console shares with the server imports nothing, so it cannot pull server code into the browser',
      severity: 'error',
      from: { path: CONSOLE_SHARED_FILES.map(layer) },
      to: {},
    },
    {
      name: 'folders-through-their-index',
      comment: 'import another folder through its index.ts, not past it (the console is held by ui-app-talks-http-only instead)',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/ui/app/' },
      to: {
        path: '^src/([^/]+)/.+',
        pathNot: ['^src/$1/', '/index\\.ts$', '^src/providers/contract\\.ts$', '^src/api/protocol/', '^src/ui/'],
      },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    // swc reads .tsx as plain TypeScript; the console's views are checked by test/architecture instead.
    exclude: { path: '\\.tsx$' },
  },
};
