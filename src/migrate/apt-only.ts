// Which packages need modules only apt provides (picamera2, libcamera, RPi.GPIO, lgpio, ...), so the
// new venv must see the system site (`--system-site-packages`). The list belongs to the risk rule
// src/risk/rules/pi-apt-only-module.ts; we ask the rule's own predicate instead of keeping a copy.
import { readBounded } from '../formats/bounded-read.js';
import { isAptOnly } from '../risk/rules/pi-apt-only-module.js';

/**
 * The apt-only names among `candidates`: requirement names and imported module names. A module
 * `RPi.GPIO` normalises to the distribution name `rpi-gpio`, so module paths are tried whole and
 * by each dotted prefix. Pure.
 */
export function aptOnlyNames(candidates: Iterable<string>): string[] {
  const hits = new Set<string>();
  for (const c of candidates) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(c)) continue;
    const parts = c.split('.');
    for (let i = parts.length; i >= 1; i--) {
      const n = parts.slice(0, i).join('.');
      if (isAptOnly(n)) {
        hits.add(n);
        break;
      }
    }
  }
  return [...hits].sort();
}

const IMPORT_RE = /^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*))/gm;

/** Top-level import statements of Python source text (module paths, relative imports skipped). Pure. */
export function importsOf(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(IMPORT_RE)) {
    if (m[1]) out.add(m[1]);
    else for (const part of m[2]!.split(',')) out.add(part.trim().split(/\s/)[0]!);
  }
  return [...out];
}

/** Modules imported by the given .py files (host paths); bounded so a huge package cannot stall planning. */
export async function readImports(files: string[], maxFiles = 400, maxBytes = 512 * 1024): Promise<string[]> {
  const out = new Set<string>();
  for (const f of files.filter((x) => x.endsWith('.py')).slice(0, maxFiles)) {
    // Bounded (type checked after open, no symlink follow): a RECORD entry may name a FIFO or /dev/zero.
    const buf = await readBounded(f, maxBytes, false).catch(() => null);
    if (!buf) continue;
    for (const m of importsOf(buf.toString('utf8'))) out.add(m);
  }
  return [...out];
}
