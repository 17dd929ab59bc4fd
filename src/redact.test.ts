import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { redactAddress, redactSecrets, registerSecrets, secretsIn } from './redact.ts';

describe('redactAddress', () => {
  it.each([
    ['http://admin:S3cret@host:8080/x?y=1', 'http://admin:***@host:8080/x?y=1'],
    ['https://tok3nvalue@host/', 'https://***@host/'],
    ['http://host/health?token=abc&x=1', 'http://host/health?token=***&x=1'],
    ['http://host/a?api_key=k&password=p', 'http://host/a?api_key=***&password=***'],
    ['10.0.0.1:161', '10.0.0.1:161'],
    ['u:NutSecret8@127.0.0.1:3493', 'u:***@127.0.0.1:3493'],
    ['ups1@10.0.0.5:3493', 'ups1@10.0.0.5:3493'],
    ['[fe80::1]:161', '[fe80::1]:161'],
    ['http://host/plain', 'http://host/plain'],
  ])('%s → %s', (address, shown) => {
    expect(redactAddress(address)).toBe(shown);
  });
});

describe('redactSecrets', () => {
  it('hides addresses inside free text and secrets registered from the config', () => {
    registerSecrets(secretsIn({ targets: [{ options: { community: 'n0tPublicCommunity', v3: { authKey: 'authKeyValue1' } } }], other: 'public' }));
    expect(redactSecrets('GET http://u:p4ss@h/ failed; community n0tPublicCommunity, key authKeyValue1, public page'))
      .toBe('GET http://u:***@h/ failed; community ***, key ***, public page');
  });

  it('hides the password of an address written without a scheme, as a refused config quotes it on reload', () => {
    expect(redactSecrets('c.yaml:5:37: targets[1].address: "u:NutS3cret@127.0.0.1:3493" looks like upsc\'s UPS@HOST form; "bob:AgS3cret@10.0.0.9:9": only http://'))
      .toBe('c.yaml:5:37: targets[1].address: "u:***@127.0.0.1:3493" looks like upsc\'s UPS@HOST form; "bob:***@10.0.0.9:9": only http://');
    expect(redactSecrets('at 12:30 mail ops@example.gov.cn, target ups1@host, c.yaml:5:37: x')).toBe('at 12:30 mail ops@example.gov.cn, target ups1@host, c.yaml:5:37: x');
  });
});

describe('the log', () => {
  it('keeps who (a token name) and hides the secret, in fields, messages and errors', () => {
    let out = '';
    const logger = createLogger({ destination: new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }) });
    logger.info({ token_name: 'ops-admin', holder: { name: 'ops-admin', token: 'abcdefabcdef0123' }, tokens: [{ name: 'viewer-1', token: 'viewertokenvalue99' }] }, 'reload by ops-admin');
    logger.warn({ err: new Error('http://admin:S3cretPass@h/ answered 500') }, 'poll of http://admin:S3cretPass@h/ failed');
    expect(out).toContain('"token_name":"ops-admin"');
    expect(out).toContain('"holder":{"name":"ops-admin","token":"[Redacted]"}');
    expect(out).toContain('"tokens":[{"name":"viewer-1","token":"[Redacted]"}]');
    expect(out).toContain('poll of http://admin:***@h/ failed');
    expect(out).toContain('"message":"http://admin:***@h/ answered 500"');
    expect(out).not.toMatch(/abcdefabcdef0123|viewertokenvalue99|S3cretPass/);
  });
});
