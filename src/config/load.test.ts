import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatProblem } from '../errors.ts';
import { defaultConfig } from './defaults.ts';
import { loadConfigFile, parseConfigText } from './load.ts';

const dir = join(import.meta.dirname, '../../test/fixtures/config');
const files = readdirSync(dir);

function problemsOf(file: string): string[] {
  try {
    loadConfigFile(file, {});
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map(formatProblem);
  }
}

describe('config files', () => {
  it.each(files.filter((f) => f.endsWith('.bad.yaml')))('%s: every expected problem, located, and nothing else', (name) => {
    const file = join(dir, name);
    const expected = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => l.slice('# expect: '.length).replaceAll('__DIR__', dir))
      // problems come in file order: expectations may be listed anywhere in the file
      .sort((a, b) => { const [la = 0, ca = 0] = a.split(':', 2).map(Number); const [lb = 0, cb = 0] = b.split(':', 2).map(Number); return la - lb || ca - cb; })
      .map((l) => `${file}:${l}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(problemsOf(file)).toEqual(expected);
  });

  it.each(files.filter((f) => f.endsWith('.good.yaml')))('%s loads', (name) => {
    expect(problemsOf(join(dir, name))).toEqual([]);
  });

  it('applies defaults, durations in ms, and target labels over default labels', () => {
    const config = loadConfigFile(join(dir, 'full.good.yaml'), {});
    const portal = config.targets.find((t) => t.name === 'portal')!;
    expect(portal).toMatchObject({ intervalMs: 15_000, timeoutMs: 5_000, labels: { agency: '市大数据局', site: '主机房', service: '门户网站' } });
    const db01 = config.targets.find((t) => t.name === 'db01')!;
    expect(db01).toMatchObject({ intervalMs: 30_000, timeoutMs: 10_000 });
    expect(config.server.auth.tokens[0]).toEqual({ name: 'noc-wall', role: 'viewer', token: '0123456789abcdef0123' });
    expect(config.storage.path).toBe(join(dir, 'data/slaguard.db'));
  });

  it('substitutes environment variables in values', () => {
    const config = loadConfigFile(join(dir, 'full.good.yaml'), { SLAGUARD_TEST_TOKEN: 'from-the-environment-123' });
    expect(config.server.auth.tokens[0]!.token).toBe('from-the-environment-123');
  });

  it('has embedded defaults that watch this host and slaguard itself on 127.0.0.1:9464', () => {
    const config = defaultConfig();
    expect(config.server.listen).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(config.targets.map((t) => t.kind)).toEqual(['host', 'http']);
    expect(config.targets[1]!.address).toBe('http://127.0.0.1:9464/healthz');
  });
});

describe('a value that is wholly one environment variable', () => {
  const text = `server:
  listen: "127.0.0.1:\${PORT}"
  auth:
    tokens:
      - name: noc
        role: viewer
        token: \${TOKEN}
    public:
      metrics: \${PUBLIC_METRICS}
scheduler:
  max_concurrency: \${CONCURRENCY}
  jitter: \${JITTER:-true}
targets:
  - name: portal
    kind: http
    address: http://portal.example.gov.cn:\${PORT}/
    options:
      expect_status:
        - \${STATUS}
      max_body_bytes: \${MAX_BODY}
`;
  const env = { PORT: '9500', TOKEN: '12345678901234567890', PUBLIC_METRICS: 'false', CONCURRENCY: '64', STATUS: '204', MAX_BODY: '2048' };
  const parse = (t: string, e: NodeJS.ProcessEnv) => parseConfigText(t, { file: 'env.yaml', baseDir: dir, env: e });

  it('takes the type the schema expects there: number, boolean, or the string it was', () => {
    const config = parse(text, env);
    expect(config.server.listen).toEqual({ host: '127.0.0.1', port: 9500 });
    expect(config.server.auth.tokens[0]!.token).toBe('12345678901234567890');
    expect(config.server.auth.public.metrics).toBe(false);
    expect(config.scheduler).toMatchObject({ maxConcurrency: 64, jitter: true });
    expect(config.targets[0]!.options).toMatchObject({ expect_status: [[204, 204]], max_body_bytes: 2048 });
  });

  it('a quoted variable stays a string, and a value that is not a number is reported where it is', () => {
    expect(() => parse('scheduler:\n  max_concurrency: "${CONCURRENCY}"\n', env)).toThrow(/env\.yaml:2:20: scheduler\.max_concurrency: Invalid input: expected number, received string/);
    expect(() => parse('scheduler:\n  max_concurrency: ${CONCURRENCY}\n', { CONCURRENCY: 'many' })).toThrow(/env\.yaml:2:20: scheduler\.max_concurrency: Invalid input: expected number, received string/);
    expect(() => parse('scheduler:\n  max_concurrency: ${CONCURRENCY}\n', { CONCURRENCY: '0' })).toThrow(/env\.yaml:2:20: scheduler\.max_concurrency: Too small/);
  });
});
