// Trimming without regexes: `/\/+$/` and `/\s+$/` try every start position of a long run and so take
// quadratic time (a path of 200k slashes took 108 s). These loops are linear.

/** `s` without trailing '/' characters. */
export function stripTrailingSlashes(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 47) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** `s` without trailing whitespace (the same set as String.prototype.trimEnd, which is linear too). */
export function stripTrailingSpace(s: string): string {
  return s.trimEnd();
}
