import { CollectError } from '../../src/errors.ts';

/**
 * Reads a response body as UTF-8, at most `maxBytes`: a longer body is cancelled as soon as it
 * passes the limit (never buffered whole) and the poll fails with reason `body_too_large`.
 */
export async function readBodyLimited(response: Response, maxBytes: number, address: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(address, maxBytes, `${declared} bytes announced`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(address, maxBytes, 'more sent');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(address: string, maxBytes: number, detail: string): CollectError {
  return new CollectError('PROTOCOL', `${address}: body larger than max_body_bytes (${maxBytes}; ${detail})`, { reason: 'body_too_large' });
}
