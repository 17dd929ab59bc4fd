import { describe, expect, it } from 'vitest';
import { chooseLogFormat, prettyLine, startupLine, statusPageUrl } from './log-format.ts';

describe('run output', () => {
  it.each([
    ['auto', true, 'pretty'],
    ['auto', false, 'json'],
    ['auto', undefined, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ] as const)('--log-format %s with a terminal %s: %s', (flag, tty, expected) => {
    expect(chooseLogFormat(flag, tty)).toBe(expected);
  });

  it('names the status page a person can open, and the ledger', () => {
    expect(statusPageUrl({ host: '0.0.0.0', port: 9464 }, false)).toBe('http://127.0.0.1:9464/');
    expect(statusPageUrl({ host: '::', port: 9464 }, true)).toBe('https://[::1]:9464/');
    expect(statusPageUrl({ host: 'noc.example.gov.cn', port: 443 }, true)).toBe('https://noc.example.gov.cn:443/');
    expect(startupLine({ version: '0.1.0', url: 'http://127.0.0.1:9464/', db: '/var/lib/slaguard/slaguard.db', targets: 2 }))
      .toBe('slaguard 0.1.0: status page http://127.0.0.1:9464/ · 2 targets · ledger /var/lib/slaguard/slaguard.db (Ctrl-C to stop)');
  });

  it('prints a log line plainly, keeping its fields', () => {
    const at = new Date(2026, 10, 30, 8, 5, 9).getTime();
    expect(prettyLine(JSON.stringify({ level: 40, time: at, pid: 1, hostname: 'h', msg: 'configuration rejected', problems: ['a.yaml:1:1: x'] })))
      .toBe('08:05:09 WARN  configuration rejected problems=["a.yaml:1:1: x"]');
  });
});
