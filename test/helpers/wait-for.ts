/** Polls `probe` until `accept` is true (or `probe` returns a truthy value); never a fixed sleep. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  opts: { timeout?: number; interval?: number; accept?: (v: T) => boolean; what?: string } = {},
): Promise<T> {
  const { timeout = 10_000, interval = 25, accept = (v: T) => Boolean(v) } = opts;
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastErr: unknown;
  for (;;) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      const seen = lastErr ? String(lastErr) : typeof last === 'string' ? `\n${last}` : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'condition'}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
