import { createPrivateKey, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { MAX_CONFIG_BYTES, readRegularFile } from './read-file.ts';
import { resolveConfigPath } from './secret.ts';

/**
 * `server.tls`: a certificate and its private key (PEM files). Both must exist, parse, and belong
 * together, so that `check` accepts exactly what `run` can serve; the output keeps the two paths.
 */
export const serverTlsSchema = z
  .strictObject({ cert_file: z.string().min(1).transform(resolveConfigPath), key_file: z.string().min(1).transform(resolveConfigPath) })
  .superRefine((tls, ctx) => {
    const cert = readPem(tls.cert_file, 'cert_file', ctx, (pem) => new X509Certificate(pem), 'a PEM certificate');
    const key = readPem(tls.key_file, 'key_file', ctx, (pem) => createPrivateKey(pem), 'a PEM private key (without a passphrase)');
    if (cert && key && !cert.checkPrivateKey(key)) {
      ctx.addIssue({ code: 'custom', path: ['key_file'], message: `"${tls.key_file}" is not the private key of the certificate in "${tls.cert_file}"` });
    }
  });

function readPem<T>(file: string, key: string, ctx: z.RefinementCtx, parse: (pem: string) => T, what: string): T | undefined {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: [key], message: `cannot read "${file}": ${(err as Error).message}` });
    return undefined;
  }
  try {
    return parse(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: [key], message: `"${file}" is not ${what}: ${(err as Error).message}` });
    return undefined;
  }
}
