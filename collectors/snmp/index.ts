import { setMaxListeners } from 'node:events';
import type { Collector, CollectorKind, Sample, Target } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { DEVICE, LABEL, UPS } from '../../src/metrics/names.ts';
import { detect, type Detection } from './detect.ts';
import { snmpOptionsSchema, parseAddress, type SnmpOptions } from './options.ts';
import { pollProfiles, TargetMemory } from './poll-profiles.ts';
import { loadProfiles } from './profiles.ts';
import { Semaphore } from './semaphore.ts';
import { NetSnmpSession, type SnmpEndpoint, type SnmpSession } from './session.ts';

/** Requests in flight to all agents at once, per daemon. */
export const GLOBAL_IN_FLIGHT = 256;

interface TargetState {
  key: string;
  session: SnmpSession;
  memory: TargetMemory;
  detection: Detection | undefined;
  detectedAt: number;
}

/** The endpoint a target describes: per-request timeout shares the poll deadline between tries. */
function endpointOf(target: Target<SnmpOptions>): SnmpEndpoint {
  const o = target.options;
  const { host, port } = parseAddress(target.address);
  const endpoint: SnmpEndpoint = {
    host, port, version: o.version, community: o.community,
    timeoutMs: Math.max(200, Math.floor(target.timeoutMs / (o.retries + 1)) - 50),
    retries: o.retries, maxRepetitions: o.maxRepetitions, maxInFlight: o.maxInFlight,
  };
  if (o.v3) endpoint.v3 = o.v3;
  return endpoint;
}

/** Polls SNMP agents: detects (or takes) profiles per target, keeps sessions and lookups between polls. */
export function createSnmpCollector(openSession?: (e: SnmpEndpoint) => SnmpSession): Collector<SnmpOptions> {
  const global = new Semaphore(GLOBAL_IN_FLIGHT);
  const open = openSession ?? ((e: SnmpEndpoint) => new NetSnmpSession(e, global));
  const states = new Map<string, TargetState>();
  const profiles = loadProfiles();

  const stateOf = (target: Target<SnmpOptions>): TargetState => {
    const endpoint = endpointOf(target);
    const key = JSON.stringify([endpoint, target.options.profiles]);
    let state = states.get(target.name);
    if (state?.key !== key) {
      state?.session.close();
      state = { key, session: open(endpoint), memory: new TargetMemory(target.options.lookupRefreshMs), detection: undefined, detectedAt: 0 };
      states.set(target.name, state);
    }
    return state;
  };

  const poll = async (target: Target<SnmpOptions>, state: TargetState, signal: AbortSignal): Promise<Sample[]> => {
    const now = Date.now();
    if (state.detection === undefined || now - state.detectedAt > target.options.redetectMs) {
      const only = target.options.profiles === 'auto' ? undefined : target.options.profiles;
      state.detection = await detect(state.session, profiles.values(), signal, only);
      state.detectedAt = now;
    }
    const d = state.detection;
    const samples = await pollProfiles(d.profiles, state.session, state.memory, signal);
    const ts = Date.now();
    if (samples.length === 0 && d.sysObjectId === '') {
      throw new CollectError('PROTOCOL', `${target.address}: the agent answered, but with none of the objects its profiles ask for`, { reason: 'protocol' });
    }
    samples.push(infoSample(d, ts), ...discardedSamples(state.memory, ts), ...malformedSamples(state.session, ts));
    return samples;
  };

  return {
    async collect(target, signal) {
      setMaxListeners(0, signal); // one listener per request in flight
      const state = stateOf(target);
      try {
        return await poll(target, state, signal);
      } catch (err) {
        // What the agent sent that could not be decoded stays visible when the poll fails.
        if (!(err instanceof CollectError) || !state.session.malformed) throw err;
        throw new CollectError(err.code, err.message, { reason: err.reason, cause: err, samples: [...err.samples, ...malformedSamples(state.session, Date.now())] });
      }
    },
    close() {
      for (const s of states.values()) s.session.close();
      states.clear();
    },
  };
}

function malformedSamples(session: SnmpSession, ts: number): Sample[] {
  return session.malformed ? [{ name: DEVICE.malformed.name, labels: {}, value: session.malformed, ts, kind: 'counter' }] : [];
}

function infoSample(d: Detection, ts: number): Sample {
  return {
    name: DEVICE.info.name,
    labels: { class: d.deviceClass, profiles: d.profiles.map((p) => p.name).join(','), sys_name: d.sysName, sys_object_id: d.sysObjectId, sys_descr: d.sysDescr },
    value: 1, ts, kind: 'gauge',
  };
}

function discardedSamples(memory: TargetMemory, ts: number): Sample[] {
  return [
    ...[...memory.counters.discarded].map(([reason, n]): Sample => ({ name: DEVICE.counterDiscarded.name, labels: { [LABEL.reason]: reason }, value: n, ts, kind: 'counter' })),
    ...[...memory.valuesDiscarded].map(([reason, n]): Sample => ({ name: DEVICE.valuesDiscarded.name, labels: { [LABEL.reason]: reason }, value: n, ts, kind: 'counter' })),
  ];
}

/** `snmp`: UPS, PDUs, switches, storage, servers' agents, sensors (SNMP v1, v2c, v3). */
export const snmpKind: CollectorKind<typeof snmpOptionsSchema> = {
  kind: 'snmp',
  description: 'an SNMP agent (v1, v2c, v3): profiles by sysObjectID and answering subtrees, normalised per device class',
  optionsSchema: snmpOptionsSchema,
  addressRequired: true,
  checkAddress: parseAddress,
  keyValues: [
    { metric: UPS.onBattery.name, label: { 'zh-CN': '电池供电', en: 'On battery' }, format: 'yes-no' },
    { metric: UPS.charge.name, label: { 'zh-CN': '电量', en: 'Charge' }, format: 'percent' },
    { metric: UPS.runtime.name, label: { 'zh-CN': '剩余时间', en: 'Runtime' }, format: 'seconds' },
    { metric: DEVICE.cpuUtilisation.name, label: { 'zh-CN': 'CPU', en: 'CPU' }, format: 'percent' },
    { metric: DEVICE.uptime.name, label: { 'zh-CN': '运行时间', en: 'Uptime' }, format: 'seconds' },
  ],
  create: () => createSnmpCollector(),
};

