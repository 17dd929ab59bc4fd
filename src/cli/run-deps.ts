/** Everything `slaguard run` needs beyond the command line, imported only when `run` runs. */
export { buildApp } from '../app.ts';
export { chooseLogFormat, prettyDestination, startupLine, statusPageUrl } from './log-format.ts';
export { defaultConfig } from '../config/defaults.ts';
export { loadConfigAsync, loadStaged } from '../config/load-async.ts';
export { createLogger } from '../log.ts';
export { storageProblem } from '../store/storage-error.ts';
export { parseShard, shardLabel } from '../shard/shard.ts';
