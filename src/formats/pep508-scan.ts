// Character classes and a work counter for the PEP 508 scanners (pep508.ts, pep508-marker.ts).

/** Counts characters looked at; tests use it to check that work grows linearly with the input. */
export interface Meter {
  steps: number;
}

export function tick(meter: Meter | undefined, n: number): void {
  if (meter) meter.steps += n;
}

/** Exactly JavaScript's `\s`. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** What `.` does not match: \n, \r, U+2028, U+2029. */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 8232 || c === 8233;
}

/** `hay.includes(needle)` in guaranteed linear time (Knuth–Morris–Pratt), counted by `meter`. */
export function linearIncludes(hay: string, needle: string, meter?: Meter): boolean {
  const m = needle.length;
  if (m === 0) return true;
  if (m > hay.length) return false;
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) {
      k = fail[k - 1]!;
      tick(meter, 1);
    }
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    fail[i] = k;
  }
  for (let i = 0, k = 0; i < hay.length; i++) {
    while (k > 0 && hay.charCodeAt(i) !== needle.charCodeAt(k)) {
      k = fail[k - 1]!;
      tick(meter, 1);
    }
    if (hay.charCodeAt(i) === needle.charCodeAt(k)) k++;
    if (k === m) return true;
  }
  tick(meter, m + hay.length);
  return false;
}
