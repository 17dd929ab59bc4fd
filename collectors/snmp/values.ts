import type { SnmpVarbind } from './session.ts';

/** A varbind as a number: integers as they are, Counter64 via bigint, numeric text parsed; else undefined. */
export function toNumber(vb: SnmpVarbind | undefined): number | undefined {
  if (vb === undefined) return undefined;
  const v = vb.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) {
    const text = v.toString('latin1').trim();
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  }
  return undefined;
}

/** A varbind as a label value: printable UTF-8 text, else hex; control characters and edges trimmed, at most 256 chars. */
export function toLabel(vb: SnmpVarbind | undefined): string | undefined {
  if (vb === undefined) return undefined;
  const v = vb.value;
  let text: string;
  if (Buffer.isBuffer(v)) {
    const utf8 = v.toString('utf8');
    const printable = !utf8.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(utf8.replace(/\u0000+$/, ''));
    text = printable ? utf8.replace(/\u0000+$/, '') : v.toString('hex').replace(/(..)(?!$)/g, '$1:');
  } else {
    text = String(v);
  }
  text = text.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return text.length > 256 ? `${text.slice(0, 255)}…` : text;
}
