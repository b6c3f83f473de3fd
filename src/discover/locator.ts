// The contract every locator fulfils: find environments of one kind from files alone.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, ScanProblem } from '../model.js';

export interface LocatorResult {
  environments: Environment[];
  /** What could not be read; one unreadable directory never hides the rest. */
  problems: ScanProblem[];
}

export interface Locator {
  /** Short name used in problems and progress ("pipx", "conda", ...). */
  name: string;
  /**
   * 'home' (default): what it finds depends on HOME, so scan() runs it once per home (ctx.homes).
   * 'machine': run once; it reads ctx.homes itself where it needs them (user sites, ~/.linuxbrew).
   */
  scope?: 'home' | 'machine';
  locate(ctx: ScanContext): Promise<LocatorResult>;
  /**
   * "What is this directory?": the environment at `prefix` exactly as locate() would report it (same
   * kind, id, name and meta), or null when it is not one of this locator's. Optional: without it,
   * identifyPrefix() (discover/identify.ts) runs locate() and picks the prefix out, which is always right
   * and only slower. Give one when locate() walks far (the venv locator walks HOME).
   */
  identify?(ctx: ScanContext, prefix: string): Promise<Environment | null>;
}
