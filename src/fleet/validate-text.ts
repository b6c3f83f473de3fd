// The two primitives every reader of host files uses: "is this a JSON object" and "make this string
// safe and bounded" (control characters become '?', so nothing read can drive a terminal).

export type Obj = Record<string, unknown>;

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A bounded, printable copy of a string (control characters become '?'); '' for non-strings. */
export function cleanText(x: unknown, max = 256): string {
  if (typeof x !== 'string') return '';
  const cut = x.length > max ? x.slice(0, max - 1) + '…' : x;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
