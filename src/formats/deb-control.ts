// Incremental reader of Debian control-file stanzas (apt `Packages` lists, dpkg `status`).
// Fed chunk by chunk so a 50 MB list is scanned once without being held as one string; only the
// fields asked for are kept, and a stanza is kept only when `keep` says so.
import { LIMITS } from './bounded-read.js';

export interface Stanza {
  /** Field name → value of the fields requested (first line only; continuation lines are skipped). */
  fields: Record<string, string>;
  /** 1-based line of the stanza's first line. */
  line: number;
}

export interface ControlScannerOptions {
  fields: readonly string[];
  keep: (fields: Record<string, string>) => boolean;
  onStanza: (s: Stanza) => void;
}

export class ControlScanner {
  private carry = '';
  private lineNo = 0;
  private current: Record<string, string> = {};
  private start = 0;
  private readonly prefixes: Array<[string, string]>;

  constructor(private readonly opts: ControlScannerOptions) {
    this.prefixes = opts.fields.map((f) => [f, `${f}:`]);
  }

  /** Feed the next chunk of bytes. Latin-1 keeps every byte; the fields we read are ASCII. */
  push(chunk: Uint8Array): void {
    const text = this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.line(text, from, nl);
      from = nl + 1;
    }
    this.carry = text.slice(from);
    // A "line" this long is not a control file (or is /dev/zero): stop instead of buffering without end.
    if (this.carry.length > LIMITS.line) throw new Error(`line ${this.lineNo + 1} is longer than ${LIMITS.line} bytes; not a control file`);
  }

  end(): void {
    if (this.carry) this.line(this.carry, 0, this.carry.length);
    this.carry = '';
    this.flush();
  }

  private line(text: string, from: number, to: number): void {
    this.lineNo++;
    let end = to;
    if (end > from && text.charCodeAt(end - 1) === 13) end--;
    if (end === from) {
      this.flush();
      return;
    }
    const c = text.charCodeAt(from);
    if (c === 32 || c === 9 || c === 35) return; // continuation line or comment
    if (this.start === 0) this.start = this.lineNo;
    for (const [name, prefix] of this.prefixes) {
      if (text.startsWith(prefix, from)) {
        this.current[name] = text.slice(from + prefix.length, end).trim();
        return;
      }
    }
  }

  private flush(): void {
    if (this.start !== 0 && this.opts.keep(this.current)) {
      // Field values are slices of the text chunk they were read from (V8 keeps the parent alive): a
      // kept stanza would pin its whole chunk, up to 4 MB of a list, for as long as the index lives
      // (~30 MB after reading bookworm's lists). Kept values are copied out.
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.current)) fields[k] = Buffer.from(v, 'latin1').toString('latin1');
      this.opts.onStanza({ fields, line: this.start });
    }
    this.current = {};
    this.start = 0;
  }
}

/** Parse a whole control text (small files such as dpkg status). */
export function parseControl(text: string, fields: readonly string[], keep: (f: Record<string, string>) => boolean = () => true): Stanza[] {
  const out: Stanza[] = [];
  const sc = new ControlScanner({ fields, keep, onStanza: (s) => out.push(s) });
  sc.push(Buffer.from(text, 'latin1'));
  sc.end();
  return out;
}

/** Names in a relationship field (`Provides: python3-foo (= 1.0), python3-bar`). */
export function relationNames(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,|]/)
    .map((p) => p.trim().split(/[\s(:]/)[0] ?? '')
    .filter(Boolean);
}

/** `Source: pyyaml (6.0-3)` → `pyyaml`. */
export function sourceName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.split(/\s/)[0] || undefined;
}

// Debian version ordering (deb-version(7)): epoch, then upstream and revision compared by
// alternating non-digit and digit runs, where `~` sorts before everything, even the end.
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[0-9]/.test(c)) return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !/[0-9]/.test(a[i]!)) || (j < b.length && !/[0-9]/.test(b[j]!))) {
      const ac = order(i < a.length && !/[0-9]/.test(a[i]!) ? a[i] : undefined);
      const bc = order(j < b.length && !/[0-9]/.test(b[j]!) ? b[j] : undefined);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /[0-9]/.test(a[i]!) && j < b.length && /[0-9]/.test(b[j]!)) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /[0-9]/.test(a[i]!)) return 1;
    if (j < b.length && /[0-9]/.test(b[j]!)) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

function splitVersion(v: string): [number, string, string] {
  const colon = v.indexOf(':');
  const epoch = colon > 0 ? Number.parseInt(v.slice(0, colon), 10) || 0 : 0;
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ''];
}

/** Compare two Debian versions: negative, 0 or positive like dpkg --compare-versions. */
export function compareDebVersions(a: string, b: string): number {
  const [ea, ua, ra] = splitVersion(a);
  const [eb, ub, rb] = splitVersion(b);
  if (ea !== eb) return ea - eb;
  return compareFragment(ua, ub) || compareFragment(ra, rb);
}
