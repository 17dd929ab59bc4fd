import { z } from 'zod';
import { wholeNameRegex as regex } from '../../src/collector/options.ts';
import type { CollectorKind } from '../../src/collector/types.ts';
import { HOST } from '../../src/metrics/names.ts';
import { readHost, type HostFilters } from './read-host.ts';

/** Options of the `host` kind; every field has a default, so `options` may be left out. */
export const hostOptionsSchema = z
  .strictObject({
    exclude_mountpoints: regex('/(dev|proc|sys|run|snap|var/lib/docker)(/.*)?|/boot/efi'),
    exclude_fstypes: z.array(z.string()).default(['tmpfs', 'devtmpfs', 'overlay', 'squashfs', 'nsfs', 'tracefs', 'ramfs', 'autofs']),
    exclude_interfaces: regex('lo|veth.*|docker.*|br-.*'),
  })
  .transform(
    (o): HostFilters => ({
      excludeMountpoints: o.exclude_mountpoints,
      excludeFsTypes: new Set(o.exclude_fstypes),
      excludeInterfaces: o.exclude_interfaces,
    }),
  );

/** `host`: the machine slaguard runs on (for other machines, run `slaguard agent` there). */
export const hostKind: CollectorKind<typeof hostOptionsSchema> = {
  kind: 'host',
  description: 'the local host: CPU, load, memory, swap, filesystems, disk I/O, network, uptime, processes',
  optionsSchema: hostOptionsSchema,
  addressRequired: false,
  keyValues: [
    { metric: HOST.cpuUtilisation.name, label: { 'zh-CN': 'CPU', en: 'CPU' }, format: 'percent' },
    { metric: HOST.memUtilisation.name, label: { 'zh-CN': '内存', en: 'Memory' }, format: 'percent' },
    { metric: HOST.fsUtilisation.name, match: { mountpoint: '/' }, label: { 'zh-CN': '根分区', en: 'Root fs' }, format: 'percent' },
    { metric: HOST.load1.name, label: { 'zh-CN': '负载', en: 'Load' }, format: 'number' },
  ],
  create: () => ({ collect: (target) => readHost(target.options) }),
};
