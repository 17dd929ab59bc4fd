import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CHILD = `
import { createLogger } from ${JSON.stringify(new URL('./log.ts', import.meta.url).pathname)};
const logger = createLogger();
process.stdin.once('data', () => {
  for (let i = 0; i < 3; i++) logger.info({ i }, 'a line nobody reads');
  process.stderr.write('exiting\\n');
  process.exit(0);
});
`;

describe('the log on standard output', () => {
  it('a reader that went away (slaguard run | head) neither crashes nor hangs the exit', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (c) => (clearTimeout(killer), resolve(c)));
      setTimeout(() => child.stdin.write('go\n'), 1_000);
    });
    expect(stderr).toBe('exiting\n');
    expect(code).toBe(0);
  });
});
