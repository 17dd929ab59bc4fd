/**
 * A fast reader for the plain shape of YAML that configs are written in: block mappings and
 * sequences by indentation, one-line flow collections, plain and quoted scalars, comments. It
 * gives the same value as `yaml`'s `parseDocument(text).toJS()` (core schema), at a fraction of
 * the cost, and keeps no source positions. Anything outside that shape (anchors, aliases, tags,
 * block or multi-line scalars, several documents, duplicate keys, a tab, anything doubtful)
 * makes it give up with `undefined`, and the caller parses with `yaml`, which locates problems.
 */

/** A string value holding `$`, for environment substitution: where it is, and whether it was unquoted. */
export interface DollarString {
  path: Array<string | number>;
  plain: boolean;
}

/** What the fast reader found: the document's value and its strings holding `$`. */
export interface FastYaml {
  value: unknown;
  dollars: DollarString[];
}

/** Reads `text` when it is in the plain shape; undefined when it is not (parse it with `yaml` then). */
export function fastYaml(text: string): FastYaml | undefined {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

const GIVE_UP = Symbol('not plain YAML');
const giveUp = (): never => {
  throw GIVE_UP;
};

const INT_RE = /^-?(?:0|[1-9][0-9]{0,14})$/;
const FLOAT_RE = /^-?[0-9]+\.[0-9]+$/;
const NULL_RE = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Every other plain scalar the core schema would not read as a string. */
const OTHER_CORE_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
const PLAIN_KEY_RE = /^[A-Za-z0-9_$][A-Za-z0-9_$./-]*$/;
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', e: '\x1b', ' ': ' ' };

interface Line {
  indent: number;
  text: string;
}

class Reader {
  private readonly lines: Line[] = [];
  private i = 0;
  private readonly path: Array<string | number> = [];
  private readonly dollars: DollarString[] = [];

  constructor(text: string) {
    if (text.includes('\t') || text.charCodeAt(0) === 0xfeff) giveUp();
    for (const raw of text.split('\n')) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const trimmed = line.trimStart();
      if (trimmed === '' || trimmed[0] === '#') continue;
      const indent = line.length - trimmed.length;
      if (indent === 0 && (trimmed[0] === '%' || trimmed.startsWith('---') || trimmed.startsWith('...'))) giveUp();
      this.lines.push({ indent, text: trimmed.trimEnd() });
    }
  }

  document(): FastYaml {
    let value: unknown = null;
    const first = this.lines[0];
    if (first !== undefined) {
      if (isSeqItem(first.text) || keyOf(first.text) !== undefined) value = this.block(first.indent);
      else if (this.lines.length === 1) value = this.inline(first.text);
      else giveUp();
    }
    if (this.i < this.lines.length) giveUp();
    return { value, dollars: this.dollars };
  }

  private indentAt(): number {
    return this.lines[this.i]?.indent ?? -1;
  }

  private block(indent: number): unknown {
    return isSeqItem(this.lines[this.i]!.text) ? this.seq(indent) : this.map(indent);
  }

  private seq(indent: number): unknown[] {
    const items: unknown[] = [];
    while (this.indentAt() === indent && isSeqItem(this.lines[this.i]!.text)) {
      const line = this.lines[this.i]!;
      const rest = line.text.slice(1).trimStart();
      this.path.push(items.length);
      if (rest === '' || rest[0] === '#') {
        this.i++;
        items.push(this.indentAt() > indent ? this.block(this.indentAt()) : null);
      } else if (isSeqItem(rest)) {
        giveUp();
      } else if (keyOf(rest) !== undefined) {
        this.lines[this.i] = { indent: line.indent + line.text.length - rest.length, text: rest };
        items.push(this.map(this.lines[this.i]!.indent));
      } else {
        items.push(this.inline(rest));
        this.i++;
      }
      this.path.pop();
    }
    if (this.indentAt() > indent) giveUp();
    return items;
  }

  private map(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.indentAt() === indent && !isSeqItem(this.lines[this.i]!.text)) {
      const entry = keyOf(this.lines[this.i]!.text) ?? giveUp();
      if (Object.hasOwn(map, entry.key) || entry.key === '__proto__') giveUp();
      this.path.push(entry.key);
      this.i++;
      if (entry.rest === '' || entry.rest[0] === '#') {
        const next = this.indentAt();
        map[entry.key] = next > indent || (next === indent && isSeqItem(this.lines[this.i]!.text)) ? this.block(next) : null;
      } else {
        map[entry.key] = this.inline(entry.rest);
      }
      this.path.pop();
    }
    if (this.indentAt() > indent) giveUp();
    return map;
  }

  /** A value that starts and ends on one line (block context): a flow collection or a scalar. */
  private inline(text: string): unknown {
    const scan = new Scan(text, this);
    const value = scan.value(false);
    scan.end();
    return value;
  }

  /** Keeps a string holding `$` for environment substitution. */
  note(value: string, plain: boolean): void {
    if (value.includes('$')) this.dollars.push({ path: [...this.path], plain });
  }

  enter(key: string | number): void {
    this.path.push(key);
  }

  leave(): void {
    this.path.pop();
  }
}

/** One line's value, read character by character. */
class Scan {
  private p = 0;

  constructor(private readonly s: string, private readonly reader: Reader) {}

  end(): void {
    this.spaces();
    if (this.p < this.s.length && !(this.s[this.p] === '#' && this.s[this.p - 1] === ' ')) giveUp();
  }

  value(flow: boolean): unknown {
    this.spaces();
    const c = this.s[this.p];
    if (c === '{') return this.flowMap();
    if (c === '[') return this.flowSeq();
    if (c === '"' || c === "'") {
      const text = c === '"' ? this.doubleQuoted() : this.singleQuoted();
      this.reader.note(text, false);
      return text;
    }
    const text = this.plain(flow);
    const value = resolvePlain(text);
    if (typeof value === 'string') this.reader.note(value, true);
    return value;
  }

  private flowMap(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.p++;
    for (;;) {
      this.spaces();
      if (this.s[this.p] === '}') break;
      const key = this.key();
      if (Object.hasOwn(map, key) || key === '__proto__') giveUp();
      if (this.s[this.p] !== ':') giveUp();
      this.p++;
      this.spaces();
      this.reader.enter(key);
      map[key] = this.s[this.p] === ',' || this.s[this.p] === '}' ? null : this.value(true);
      this.reader.leave();
      if (!this.separator('}')) break;
    }
    this.p++;
    return map;
  }

  private flowSeq(): unknown[] {
    const items: unknown[] = [];
    this.p++;
    for (;;) {
      this.spaces();
      if (this.s[this.p] === ']') break;
      this.reader.enter(items.length);
      items.push(this.value(true));
      this.reader.leave();
      this.spaces();
      if (this.s[this.p] === ':') giveUp();
      if (!this.separator(']')) break;
    }
    this.p++;
    return items;
  }

  /** After an entry: true at a comma (more may follow), false at the closing bracket. */
  private separator(close: string): boolean {
    this.spaces();
    const c = this.s[this.p];
    if (c === ',') {
      this.p++;
      return true;
    }
    if (c !== close) giveUp();
    return false;
  }

  private key(): string {
    const c = this.s[this.p];
    if (c === '"' || c === "'") {
      const key = c === '"' ? this.doubleQuoted() : this.singleQuoted();
      this.spaces();
      return key;
    }
    const start = this.p;
    while (this.p < this.s.length && this.s[this.p] !== ':' && this.s[this.p] !== ',' && this.s[this.p] !== '}') this.p++;
    if (!' ,}]'.includes(this.s[this.p + 1] ?? ' ')) giveUp();
    return plainKey(this.s.slice(start, this.p).trimEnd());
  }

  private plain(flow: boolean): string {
    const start = this.p;
    if (INDICATORS.has(this.s[start] ?? '#') && !(this.s[start] === '-' && /[0-9.A-Za-z]/.test(this.s[start + 1] ?? ''))) giveUp();
    for (; this.p < this.s.length; this.p++) {
      const c = this.s[this.p]!;
      if (c === '#' && this.s[this.p - 1] === ' ') break;
      if (c === ':' && (this.p + 1 === this.s.length || this.s[this.p + 1] === ' ' || (flow && ',[]{}'.includes(this.s[this.p + 1]!)))) {
        if (flow) break;
        giveUp();
      }
      if (flow && ',[]{}'.includes(c)) break;
    }
    return this.s.slice(start, this.p).trimEnd();
  }

  private doubleQuoted(): string {
    let out = '';
    for (this.p++; ; this.p++) {
      const c = this.s[this.p] ?? giveUp();
      if (c === '"') break;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[++this.p] ?? giveUp();
      if (ESCAPES[e] !== undefined) out += ESCAPES[e];
      else if (e === 'x' || e === 'u') {
        const hex = this.s.slice(this.p + 1, this.p + (e === 'x' ? 3 : 5));
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== (e === 'x' ? 2 : 4)) giveUp();
        out += String.fromCharCode(parseInt(hex, 16));
        this.p += hex.length;
      } else giveUp();
    }
    this.p++;
    return out;
  }

  private singleQuoted(): string {
    let out = '';
    for (this.p++; ; this.p++) {
      const c = this.s[this.p] ?? giveUp();
      if (c === "'") {
        if (this.s[this.p + 1] !== "'") break;
        this.p++;
      }
      out += c;
    }
    this.p++;
    return out;
  }

  private spaces(): void {
    while (this.s[this.p] === ' ') this.p++;
  }
}

function isSeqItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

/** A block mapping entry's key and what follows its colon; undefined when the line is not one. */
function keyOf(text: string): { key: string; rest: string } | undefined {
  let colon: number;
  let key: string;
  if (text[0] === '"' || text[0] === "'") {
    const close = text.indexOf(text[0], 1);
    if (close < 0 || text.slice(1, close).includes('\\') || text.slice(1, close).includes(text[0])) return undefined;
    key = text.slice(1, close);
    colon = close + 1;
    while (text[colon] === ' ') colon++;
    if (text[colon] !== ':') return undefined;
  } else {
    colon = text.search(/:(?: |$)/);
    if (colon <= 0) return undefined;
    const raw = text.slice(0, colon).trimEnd();
    if (raw.includes(' #') || /[{}[\],"'#]/.test(raw)) return undefined;
    key = plainKey(raw);
  }
  if (text[colon + 1] !== undefined && text[colon + 1] !== ' ') return undefined;
  return { key, rest: text.slice(colon + 1).trimStart() };
}

/** A plain key, when the core schema reads it as this very string (or a canonical integer). */
function plainKey(raw: string): string {
  if (!PLAIN_KEY_RE.test(raw)) giveUp();
  const value = resolvePlain(raw);
  if (typeof value === 'string' || (typeof value === 'number' && INT_RE.test(raw) && !raw.startsWith('-'))) return raw;
  return giveUp();
}

/** What the core schema makes of a plain scalar (strings, canonical integers and decimals, booleans, null). */
function resolvePlain(text: string): unknown {
  const c = text[0];
  if (c === undefined) return null;
  if (c === '~' || c === 'n' || c === 'N') if (NULL_RE.test(text)) return null;
  if (c === 't' || c === 'T' || c === 'f' || c === 'F') if (BOOL_RE.test(text)) return text[0] === 't' || text[0] === 'T';
  if ((c >= '0' && c <= '9') || c === '-' || c === '+' || c === '.') {
    if (INT_RE.test(text)) return Number(text);
    if (FLOAT_RE.test(text)) return parseFloat(text);
    if (OTHER_CORE_RE.test(text)) giveUp();
  }
  return text;
}
