export { createDockerClient, dockerConnectionOptions, DEFAULT_DOCKER_SOCKET } from './docker-client.js';
export { readDockerTls, type DockerTls, type DockerTlsConfig } from './docker-tls.js';
export {
  PROJECT_LABEL_KEY,
  PROJECT_LABEL_VALUE,
  PROJECT_LABEL_FILTER,
  withProjectLabel,
  type Labels,
} from './labels.js';
export {
  ContainerRunner,
  type ContainerRunnerOptions,
  type Command,
  type RunOptions,
  type RunResult,
  type StartLongLivedOptions,
  type ExecOptions,
  type LongLivedContainer,
  type ProjectContainer,
  type ContainerScope,
} from './container-runner.js';
export {
  StreamingContainer,
  startStreamingContainer,
  type StreamingContainerOptions,
  type StreamExecOptions,
  type OpenExec,
  type ContainerPathStat,
} from './streaming-container.js';
export { createProjectContainer, removeContainerQuietly } from './container-basics.js';
export { limitsHostConfig, type ContainerLimits } from './container-limits.js';
export { readUpTo, type ReadUpTo } from './read-up-to.js';
export { packDirectory, packFolders, packEntries, readArchive, type ArchiveEntry, type ArchiveEntryHeader, type ArchiveFolder } from './archives.js';
export { inspectImage, followProgress, type ProgressEvent } from './images.js';
export { ensureProjectImage, dockerfileHash, DOCKERFILE_HASH_LABEL, type ProjectImage, type ProjectImageDeps } from './project-image.js';
export { readZip, isSymlinkMode, isDirectoryMode, type ZipEntry } from './zip-archive.js';
export { EnginePool, isEngineUnreachable, type EngineLease, type PooledEngine } from './engine-pool.js';
export {
  createSwarmJob,
  createSwarmReplica,
  swarmJobTask,
  runningSwarmTask,
  removeSwarmService,
  swarmServicesLabelled,
  swarmNodes,
  swarmNodeName,
  ownSwarmNodeId,
  onSwarmManager,
  SwarmTaskFailed,
  NODE_ENGINE_LABEL,
  type SwarmJobSpec,
  type SwarmTask,
  type SwarmNode,
} from './swarm-jobs.js';
export { SwarmNodeEngines, isNotSwarmManager, type SwarmNodeEngine, type SwarmNodeEnginesDeps } from './swarm-nodes.js';
