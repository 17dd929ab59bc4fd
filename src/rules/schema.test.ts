import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_PACK_SCHEMA_PATH, rulePackJsonSchema } from '../config/gen-json-schema.ts';
import { render } from './template.ts';

describe('generated files', () => {
  it('rules/rule-pack.schema.json is what `npm run gen` writes today', () => {
    expect(readFileSync(RULE_PACK_SCHEMA_PATH, 'utf8')).toBe(rulePackJsonSchema());
  });
});

describe('templates', () => {
  it('print labels and values with the formatting helpers, in each language', () => {
    const labels = { target: 'ups1', mountpoint: '/var' };
    expect(render('{{ $labels.target }} {{ $value | percent }}', 'zh-CN', labels, 0.354)).toBe('ups1 35.4%');
    expect(render('{{$value|seconds}}', 'zh-CN', labels, 540)).toBe('9 分钟');
    expect(render('{{ $value | seconds }}', 'en', labels, 7200)).toBe('2 h');
    expect(render('{{ $value | bytes }} on {{ $labels.mountpoint }}', 'en', labels, 3 * 2 ** 30)).toBe('3 GiB on /var');
    expect(render('{{ $value }} {{ $labels.nope }}|', 'en', labels, 1 / 3)).toBe('0.33 |');
    expect(render('{{ $value }}', 'zh-CN', labels, undefined)).toBe('无');
  });
});
