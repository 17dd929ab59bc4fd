import type { Config } from './schema.ts';
import { parseConfigText } from './load.ts';

/** The embedded defaults `slaguard run` uses without --config: watch this host and our own health. */
export const DEFAULT_CONFIG_YAML = `# slaguard embedded defaults
server:
  listen: 127.0.0.1:9464
storage:
  path: data/slaguard.db
targets:
  - name: localhost
    kind: host
    interval: 15s
  - name: slaguard-self
    kind: http
    address: http://127.0.0.1:9464/healthz
    interval: 15s
    timeout: 5s
`;

/** The defaults, checked like any file (paths resolve against the working directory). */
export function defaultConfig(): Config {
  return parseConfigText(DEFAULT_CONFIG_YAML, { file: '<embedded defaults>', baseDir: process.cwd() });
}
