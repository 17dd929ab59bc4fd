import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fastYaml } from './fast-yaml.ts';

const root = join(import.meta.dirname, '../..');

/** The fast reader either gives up or reads exactly what `yaml` reads (and only what `yaml` accepts). */
function agrees(text: string): 'fast' | 'gave up' {
  const fast = fastYaml(text);
  if (fast === undefined) return 'gave up';
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors.map((e) => e.message), text).toEqual([]);
  expect(fast.value, text).toStrictEqual(doc.toJS());
  return 'fast';
}

const fragment = fc.constantFrom('a', 'b1', 'svc-7', ':', ': ', ' ', ' #', '#', '-', '- ', '$', '${V}', '{', '}', '[', ']', ',', "'", '"', '\\',
  'true', 'False', 'null', '~', '0x1F', '0o7', '1.5', '-2', '007', '1e3', '.inf', '.NaN', 'http://h:80/x', '10s', '你好', '&a', '*a', '!t', '|', '>', '?', '%', '@');
const word = fc.constantFrom('a', 'b1', 'svc-7', 'http://h:80/x', '10s', '1.5', '-2', '0', 'true', 'null', '~', '你好', 'x y', '$', '${V}', 'a#b', 'a:b');
const plain = fc.oneof({ arbitrary: word, weight: 3 }, { arbitrary: fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')), weight: 1 });
const text = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\\', '$', '#', ':', 'é', '\n', '\u0007'), maxLength: 8 });
const scalar = fc.oneof(plain, text.map((s) => JSON.stringify(s)), text.map((s) => `'${s.replaceAll("'", "''").replaceAll('\n', ' ')}'`));
const key = fc.oneof({ arbitrary: fc.constantFrom('name', 'kind', 'a', 'b', '1', 'a.b', 'c/d'), weight: 6 },
  { arbitrary: fc.constantFrom('2', 'true', 'null', '-x', 'x y', '"q"', "'k'", '$k', '"a\\"b"'), weight: 1 }, { arbitrary: plain, weight: 1 });

/** A YAML node rendered in random styles, at `indent`, as the text after "key:" or "- ". */
type Render = (indent: number) => string;
const node: fc.Memo<Render> = fc.memo((depth) => {
  const leaf: fc.Arbitrary<Render> = scalar.map((s) => () => ` ${s}`);
  if (depth <= 1) return leaf;
  const flowMap = fc.array(fc.tuple(key, scalar), { maxLength: 3 }).map((es) => () => ` { ${es.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  const flowSeq = fc.array(scalar, { maxLength: 3 }).map((vs) => () => ` [${vs.join(', ')}]`);
  const blockMap = fc.array(fc.tuple(key, node(depth - 1), fc.boolean()), { minLength: 1, maxLength: 3 }).map((es) => (indent: number) =>
    es.map(([k, v, comment]) => `\n${' '.repeat(indent)}${k}:${v(indent + 2)}${comment ? ' # note' : ''}`).join(''));
  const blockSeq = fc.array(node(depth - 1), { minLength: 1, maxLength: 3 }).map((vs) => (indent: number) => vs.map((v) => `\n${' '.repeat(indent)}-${v(indent + 2)}`).join(''));
  return fc.oneof(leaf, flowMap, flowSeq, blockMap, blockSeq);
});

describe('the fast YAML reader', () => {
  it('reads every YAML file of the project it accepts exactly as yaml does', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    const results = files.map((f) => agrees(readFileSync(join(root, f), 'utf8')));
    expect(results.filter((r) => r === 'fast').length).toBeGreaterThan(40);
  });

  it('gives up or agrees with yaml on generated documents', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.array(fc.tuple(key, node(4)), { minLength: 1, maxLength: 4 }), (entries) => {
      const doc = entries.map(([k, v]) => `${k}:${v(2)}`).join('\n');
      if (agrees(doc) === 'fast') accepted++;
    }), { numRuns: 3000 });
    expect(accepted).toBeGreaterThan(500);
  });

  it('reads a generated fleet of targets and notes where `$` values are', () => {
    const lines = ['targets:'];
    for (let i = 0; i < 300; i++) lines.push(`  - { name: svc-${i}, kind: http, address: "http://127.0.0.1:8080/${i}", interval: 300s, labels: { site: site-${i % 5} } }`);
    lines.push('  - name: last', '    kind: snmp', '    address: ${HOST}', "    options: { community: '$$x' }");
    const text = `${lines.join('\n')}\n`;
    expect(agrees(text)).toBe('fast');
    expect(fastYaml(text)!.dollars).toEqual([
      { path: ['targets', 300, 'address'], plain: true },
      { path: ['targets', 300, 'options', 'community'], plain: false },
    ]);
  });

  it('gives up on what it does not read: anchors, block scalars, tabs, duplicate keys, several documents', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: |\n  text\n', 'a:\n\tb: 1\n', 'a: 1\na: 2\n', 'a: 1\n---\nb: 2\n', 'a: b\n  c\n', 'a: !!str 1\n', 'a: { b: 1\n  }\n']) {
      expect(fastYaml(text), text).toBeUndefined();
    }
  });
});
