/**
 * CLI start-up: CPU time (user + system, all threads, from the child's own `process.cpuUsage()` at
 * exit) of `slaguard --version`, `--help`, `check` of the README's sample config (SNMP targets, so
 * the SNMP profiles are read) and of a config without SNMP targets. CPU rather than wall time, so a
 * busy shared machine changes the figures less. `BENCH_CLI_ROOT=DIR` measures another checkout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.env.BENCH_CLI_ROOT ?? join(import.meta.dirname, '..');
const REPORT = "process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-us '+(u.user+u.system)+'\\n')})";

/** The README's sample config with the files it names, in a temporary folder; and one without SNMP targets. */
function configs(): { readme: string; plain: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const sample = /## A config\n\n```yaml\n([\s\S]*?)```/.exec(readFileSync(join(import.meta.dirname, '../README.md'), 'utf8'))![1]!;
  const readme = join(dir, 'slaguard.yaml');
  writeFileSync(readme, sample.replaceAll('/etc/slaguard/', `${dir}/`).replace(/\n {2}tls: .*\n/, '\n'));
  for (const [name, text] of [['noc.token', '3f9c1e7a2b5d4f60a8e1'], ['agent.token', 'agent-token-0123456789'], ['ups.community', 'ups-ro'], ['v3.auth', 'auth-passphrase-1'], ['v3.priv', 'priv-passphrase-1']]) {
    writeFileSync(join(dir, name!), `${text}\n`);
  }
  const plain = join(dir, 'plain.yaml');
  writeFileSync(plain, 'storage: { path: ":memory:" }\ntargets:\n  - { name: web, kind: http, address: "http://127.0.0.1:9/" }\n  - { name: me, kind: host }\n');
  return { readme, plain };
}

/** CPU milliseconds of one `slaguard ARGS` run; throws when it fails. */
function cpuMs(args: string[]): number {
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REPORT)}`, join(root, 'bin/slaguard.js'), ...args], {
    encoding: 'utf8', env: { ...process.env, SLAGUARD_ONCALL_TOKEN: 'oncall-token-0123456789' },
  });
  const m = /cpu-us (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !m) throw new Error(`slaguard ${args.join(' ')}: exit ${run.status}\n${run.stdout}${run.stderr}`);
  return Number(m[1]) / 1000;
}

/** Median, minimum and maximum CPU milliseconds of `rounds` runs of each command, and the load average around them. */
export function benchCli(rounds = 7): { commands: Array<{ name: string; medianMs: number; minMs: number; maxMs: number }>; loadBefore: number; loadAfter: number } {
  const { readme, plain } = configs();
  const commands: Array<[string, string[]]> = [
    ['--version', ['--version']], ['--help', ['--help']],
    ['check README sample (SNMP targets)', ['check', '--config', readme]], ['check, no SNMP target', ['check', '--config', plain]],
  ];
  const loadBefore = loadavg()[0]!;
  const samples = commands.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) commands.forEach(([, args], c) => samples[c]!.push(cpuMs(args)));
  return {
    commands: commands.map(([name], c) => {
      const s = samples[c]!.sort((a, b) => a - b);
      return { name, medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, maxMs: s.at(-1)! };
    }),
    loadBefore, loadAfter: loadavg()[0]!,
  };
}
