import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { UPS } from '../../src/metrics/names.ts';
import { freePort, requireBinary, startProcess, stopProcess, waitFor } from '../../test/helpers/components.ts';
import { nutKind, nutOptionsSchema } from './index.ts';

const PASSWORD = 'mon pass "42"';
let dir = '';
let address = '';
let staleAddress = '';
let processes: Array<ReturnType<typeof startProcess>> = [];
const collector = nutKind.create({ logger: silentLogger() });

function writeConf(etc: string, port: number, upsConf: string): void {
  mkdirSync(etc, { recursive: true });
  writeFileSync(join(etc, 'ups.conf'), upsConf);
  writeFileSync(join(etc, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\n`);
  writeFileSync(join(etc, 'upsd.users'), `[monuser]\n  password = "mon pass \\"42\\""\n  upsmon secondary\n`);
}

function writeDev(text: string): void {
  writeFileSync(join(dir, 'etc', 'ups1.dev'), text);
}

function collect(options: Record<string, unknown> = {}, at = address, signal = AbortSignal.timeout(10_000)): Promise<Sample[]> {
  const target = { name: 'ups-room', kind: 'nut', address: at, options: nutOptionsSchema.parse(options), intervalMs: 30_000, timeoutMs: 10_000, labels: {} };
  return collector.collect(target, signal);
}

async function failure(poll: Promise<unknown>): Promise<CollectError> {
  const err = await poll.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(CollectError);
  return err as CollectError;
}

const value = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

beforeAll(async () => {
  const driverBin = requireBinary('/lib/nut/dummy-ups', 'nut-server');
  const upsdBin = requireBinary('/lib/nut/upsd', 'nut-server');
  const upsc = requireBinary('/bin/upsc', 'nut-client');
  dir = mkdtempSync(join(tmpdir(), 'nut-test-'));
  const [port, stalePort] = [await freePort(), await freePort()];
  address = `127.0.0.1:${port}`;
  staleAddress = `127.0.0.1:${stalePort}`;
  const ups1 = '[ups1]\n  driver = dummy-ups\n  port = ups1.dev\n  desc = "Test UPS"\n';
  writeConf(join(dir, 'etc'), port, ups1);
  writeConf(join(dir, 'etc2'), stalePort, `${ups1}[ups2]\n  driver = dummy-ups\n  port = ups2.dev\n`);
  writeDev('ups.status: OL\nbattery.charge: 87\nbattery.runtime: 2700\ninput.voltage: 230.0\nups.load: 23\n');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(dir, 'etc', 'ups1.dev'), past, past);
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'state2'));
  symlinkSync(join(dir, 'state', 'dummy-ups-ups1'), join(dir, 'state2', 'dummy-ups-ups1'));

  const env = { NUT_CONFPATH: join(dir, 'etc'), NUT_STATEPATH: join(dir, 'state') };
  processes = [
    startProcess(driverBin, ['-a', 'ups1', '-F', '-u', 'root'], env),
    startProcess(upsdBin, ['-F', '-u', 'root'], env),
    startProcess(upsdBin, ['-F', '-u', 'root'], { NUT_CONFPATH: join(dir, 'etc2'), NUT_STATEPATH: join(dir, 'state2') }),
  ];
  const run = promisify(execFile);
  for (const at of [address, staleAddress]) {
    await waitFor(`upsc to report ups1@${at} OL (${processes.map((p) => p.output()).join('').slice(-500)})`, async () =>
      (await run(upsc, [`ups1@${at}`, 'ups.status'])).stdout.trim() === 'OL');
  }
}, 60_000);

afterAll(async () => {
  for (const p of processes.reverse()) await stopProcess(p);
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('nut collector against a real upsd and dummy-ups driver', () => {
  it('reads a UPS on mains: not on battery, with the values of the driver file normalised', async () => {
    const samples = await collect();
    expect(samples.every((s) => s.labels.ups === 'ups1')).toBe(true);
    expect(value(samples, UPS.onBattery.name)).toBe(0);
    expect(value(samples, UPS.lowBattery.name)).toBe(0);
    expect(value(samples, UPS.outputSource.name, { source: 'normal' })).toBe(1);
    expect(value(samples, UPS.charge.name)).toBe(0.87);
    expect(value(samples, UPS.runtime.name)).toBe(2700);
    expect(value(samples, UPS.inputVoltage.name, { line: '1' })).toBe(230);
    expect(value(samples, UPS.outputLoad.name, { line: '1' })).toBe(0.23);
    expect(value(samples, UPS.outputVoltage.name)).toBeUndefined();
    expect(value(samples, UPS.batteryTemperature.name)).toBeUndefined();
    expect(samples.every((s) => Number.isFinite(s.value))).toBe(true);
    expect(await collect({ ups: 'ups1' })).toHaveLength(samples.length);
  });

  it('logs in with username and password (inline or from a file) and reads the same UPS', async () => {
    const inline = await collect({ username: 'monuser', password: PASSWORD });
    expect(value(inline, UPS.charge.name)).toBe(0.87);
    writeFileSync(join(dir, 'nut.password'), `${PASSWORD}\n`);
    const fromFile = await collect({ ups: 'ups1', username: 'monuser', password_file: join(dir, 'nut.password') });
    expect(value(fromFile, UPS.runtime.name)).toBe(2700);
  });

  it('a wrong password is an AUTH failure', async () => {
    const err = await failure(collect({ username: 'monuser', password: 'wrong' }));
    expect(err).toMatchObject({ code: 'AUTH', reason: 'auth' });
    expect(err.message).toMatch(/ACCESS-DENIED/);
    expect(err.message).not.toContain('wrong');
  });

  it('a port nobody listens on is UNREACHABLE (connect)', async () => {
    const err = await failure(collect({}, `127.0.0.1:${await freePort()}`));
    expect(err).toMatchObject({ code: 'UNREACHABLE', reason: 'connect' });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('a UPS name upsd does not serve is a PROTOCOL failure naming the ones it does', async () => {
    const err = await failure(collect({ ups: 'ups9' }));
    expect(err).toMatchObject({ code: 'PROTOCOL', reason: 'protocol' });
    expect(err.message).toMatch(/no UPS "ups9"; it serves: ups1/);
  });

  it('a UPS whose driver is not connected fails the poll as stale, keeping the other UPS samples', async () => {
    const err = await failure(collect({}, staleAddress));
    expect(err).toMatchObject({ code: 'PROTOCOL', reason: 'stale' });
    expect(err.message).toMatch(/DRIVER-NOT-CONNECTED/);
    expect(value(err.samples, UPS.charge.name)).toBe(0.87);
    expect(err.samples.every((s) => s.labels.ups === 'ups1')).toBe(true);
    expect(value(await collect({ ups: 'ups1' }, staleAddress), UPS.runtime.name)).toBe(2700);
  });

  it('an aborted poll is a TIMEOUT, and the socket is closed', async () => {
    const controller = new AbortController();
    const poll = collect({}, address, controller.signal);
    controller.abort();
    expect(await failure(poll)).toMatchObject({ code: 'TIMEOUT', reason: 'timeout' });

    let closed!: Promise<void>;
    const silent: Server = createServer((socket) => {
      closed = new Promise((r) => socket.on('close', () => r()));
      socket.resume();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      const err = await failure(collect({}, `127.0.0.1:${port}`, AbortSignal.timeout(300)));
      expect(err).toMatchObject({ code: 'TIMEOUT', reason: 'timeout' });
      await closed;
    } finally {
      silent.close();
    }
  });

  it('sees the UPS go on battery with a low battery once the driver re-reads its file', async () => {
    writeDev(
      'ups.status: OB LB\nbattery.charge: 12\nbattery.runtime: 240\ninput.voltage: 0\nups.load: 23\n' +
        'ups.alarm: "Replace battery!"\ndevice.mfr: EATON\ndevice.model: 9PX 3000i\n',
    );
    let samples: Sample[] = [];
    await waitFor('the collector to report ups1 on battery', async () => {
      samples = await collect();
      return value(samples, UPS.onBattery.name) === 1;
    });
    expect(value(samples, UPS.lowBattery.name)).toBe(1);
    expect(value(samples, UPS.outputSource.name, { source: 'battery' })).toBe(1);
    expect(value(samples, UPS.charge.name)).toBe(0.12);
    expect(value(samples, UPS.runtime.name)).toBe(240);
    expect(value(samples, UPS.alarm.name, { alarm: 'Replace battery!' })).toBe(1);
    expect(value(samples, UPS.alarmsPresent.name)).toBe(1);
    expect(value(samples, UPS.info.name, { manufacturer: 'EATON', model: '9PX 3000i' })).toBe(1);
  });
});

describe('nut options', () => {
  it.each([
    [{ username: 'monuser' }, '"password" or "password_file" is required with "username"'],
    [{ password: 'x' }, '"username" is required with a password'],
    [{ username: 'u', password: 'x', password_file: 'f' }, 'give either "password" or "password_file", not both'],
    [{ ups: 'ups1@host' }, 'a NUT UPS name, as in ups.conf (no blanks, quotes or @)'],
    [{ upss: 'ups1' }, 'Unrecognized key: "upss"'],
  ])('rejects %j', (options, message) => {
    const result = nutOptionsSchema.safeParse(options);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('an address in upsc form is a CONFIG failure', async () => {
    expect(await failure(collect({}, 'ups1@127.0.0.1'))).toMatchObject({ code: 'CONFIG' });
  });
});
