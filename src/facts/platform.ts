// The platform of the scanned machine, detected once per ScanContext (shared with per-home children):
// analysis, risk facts, prerequisites and migration all ask here.
import type { ScanContext } from '../context/scan-context.js';
import { detectPlatform } from '../platform/detect.js';
import type { Platform } from '../platform/types.js';

export function platformOf(ctx: ScanContext): Promise<Platform> {
  return ctx.memo('platform', () => detectPlatform(ctx));
}
