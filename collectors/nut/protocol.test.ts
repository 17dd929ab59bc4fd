import { describe, expect, it } from 'vitest';
import { errorName, parseAddress, quoteArg, splitWords } from './protocol.ts';

describe('splitWords', () => {
  it.each([
    ['VAR ups1 ups.status "OL"', ['VAR', 'ups1', 'ups.status', 'OL']],
    ['VAR ups1 ups.status "OB LB"', ['VAR', 'ups1', 'ups.status', 'OB LB']],
    ['VAR ups1 ups.alarm "say \\"hi\\" \\\\ bye"', ['VAR', 'ups1', 'ups.alarm', 'say "hi" \\ bye']],
    ['UPS ups1 ""', ['UPS', 'ups1', '']],
    ['  BEGIN   LIST\tUPS  ', ['BEGIN', 'LIST', 'UPS']],
    ['VAR ups1 device.model "Smart-UPS 1500"', ['VAR', 'ups1', 'device.model', 'Smart-UPS 1500']],
    ['VAR ups1 ups.mfr 电源厂', ['VAR', 'ups1', 'ups.mfr', '电源厂']],
    ['', []],
  ])('%s', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it('rejects an unterminated quote or a trailing backslash', () => {
    expect(() => splitWords('VAR ups1 ups.status "OL')).toThrow(/unterminated quote/);
    expect(() => splitWords('VAR ups1 ups.status OL\\')).toThrow(/escape/);
  });
});

describe('quoteArg', () => {
  it('leaves a plain word bare and quotes anything upsd would split or unescape', () => {
    expect(quoteArg('monuser')).toBe('monuser');
    expect(quoteArg('sec ret')).toBe('"sec ret"');
    expect(quoteArg('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('round-trips through splitWords', () => {
    for (const value of ['p@ss word', 'x"y', 'back\\slash', '密码 1']) {
      expect(splitWords(`PASSWORD ${quoteArg(value)}`)).toEqual(['PASSWORD', value]);
    }
  });
});

describe('errorName', () => {
  it('names the error of an ERR line and nothing else', () => {
    expect(errorName('ERR ACCESS-DENIED')).toBe('ACCESS-DENIED');
    expect(errorName('ERR UNKNOWN-UPS extra detail')).toBe('UNKNOWN-UPS');
    expect(errorName('OK')).toBeUndefined();
    expect(errorName('VAR ups1 ups.status "ERR X"')).toBeUndefined();
  });
});

describe('parseAddress', () => {
  it.each([
    ['10.20.0.5', { host: '10.20.0.5', port: 3493 }],
    ['10.20.0.5:3494', { host: '10.20.0.5', port: 3494 }],
    ['nut.example.gov.cn', { host: 'nut.example.gov.cn', port: 3493 }],
    ['[::1]:3493', { host: '::1', port: 3493 }],
    ['[fd00::5]', { host: 'fd00::5', port: 3493 }],
    ['fd00::5', { host: 'fd00::5', port: 3493 }],
  ])('%s', (address, expected) => {
    expect(parseAddress(address)).toEqual(expected);
  });

  it.each([
    ['ups1@10.20.0.5', /UPS@HOST.*"ups" option/],
    ['tcp://10.20.0.5:3493', /no scheme or path/],
    ['10.20.0.5:0', /valid port/],
    ['10.20.0.5:70000', /valid port/],
    ['10.20.0.5:nut', /valid port/],
    [':3493', /no host/],
  ])('rejects %s', (address, message) => {
    expect(() => parseAddress(address)).toThrow(message);
  });
});
