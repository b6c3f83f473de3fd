// MachineFacts: everything pyenvtui knows about the scanned machine beyond the Inventory, gathered once
// per analysis (src/facts/index.ts). Risk rules, prerequisite checks, advice, the planner's inputs and
// the wizard's suggestions are functions of (Inventory, MachineFacts); none of them reads files.
import type { Env } from '../context/scan-context.js';
import type { DpkgIndex } from '../discover/dpkg-index.js';
import type { Diversion } from '../formats/dpkg.js';
import type { PipConfig } from '../formats/pip-config.js';
import type { UvConfig } from '../formats/uv-config.js';
import type { DistroIndex } from '../guidance/distro-index.js';
import type { Platform } from '../platform/types.js';
import type { MarkerEnv } from '../formats/pep508.js';
import type { MarkerCheck } from './marker-check.js';
import type { ToolHomes } from './tools.js';
import type { VenvCheck } from './venv-check.js';

export interface MarkerFacts {
  /** Where the marker belongs (stdlib dir of the interpreter). */
  path: string;
  present: boolean;
  /** dpkg package whose .list names the marker (it should be there). */
  listedBy: string | null;
  /** `EXTERNALLY-MANAGED.distrib` exists beside it (dpkg-divert --rename). */
  distribPresent: boolean;
  diversion: Diversion | null;
}

export interface PthFile {
  envId: string;
  path: string;
  /** Lines that Python executes at start-up (`import ...`), with 1-based numbers. */
  execLines: Array<{ line: number; text: string }>;
  /** Listed in some distribution's RECORD (shipped by a package) or by dpkg. */
  owned: boolean;
}

export interface RootOwnedFile {
  path: string;
  /** How many root-owned entries lie under it (path is the topmost one). */
  count: number;
}

/** What the prerequisite checks need about one base interpreter (system, pyenv, Homebrew, ...). */
export interface InterpreterChecks {
  stdlib: string;
  /** Can it create venvs (venv module, ensurepip, a pip wheel, python3.X-venv)? Base kinds only. */
  venv: VenvCheck | null;
  /** The PEP 668 marker removed by hand (system and Homebrew only); null when not. */
  marker: MarkerCheck | null;
}

export interface PathFacts {
  /** PATH of the scanned user, as given. */
  value: string | undefined;
  dirs: string[];
  /** Where `pipx` and `uv` resolve on it (machine paths), null when absent. */
  pipx: string | null;
  uv: string | null;
}

export interface MachineFacts {
  platform: Platform;
  home: string;
  uid: number;
  env: Env;
  container: Platform['container'];
  raspberryPi: Platform['raspberryPi'];
  /** 64-bit userland (dpkg arch arm64/amd64 or the scanning process's arch). */
  is64bit: boolean;
  dpkg: DpkgIndex;
  /** pip configuration per environment id (each pip.conf read once per analysis). */
  pip: Map<string, PipConfig>;
  uv: UvConfig;
  tools: ToolHomes;
  path: PathFacts;
  /** PEP 508 marker environment per environment id, from the interpreter's own version and CPU. */
  markerEnv: Map<string, MarkerEnv>;
  /** Per base interpreter id: stdlib, venv and marker checks. */
  interpreters: Map<string, InterpreterChecks>;
  /** X.Y of the interpreter /usr/bin/python3 resolves to. */
  defaultMinor: string | null;
  /** The distro's package lists (apt), read on first ask only: advice asks when a package needs them, R11 when a package of an externally-managed Python misses a requirement. */
  distroIndex(): Promise<DistroIndex | null>;
  /** The lists once read (null before, or when there are none): rules phrase apt-first fixes from them. */
  distro: DistroIndex | null;
  markers: Map<string, MarkerFacts>;
  diversions: Diversion[];
  rootOwned: RootOwnedFile[];
  pth: PthFile[];
  /** Script files a distribution's RECORD puts outside its site dir: metadataPath → machine paths. */
  recordScripts: Map<string, string[]>;
  /**
   * RECORD entries that lead outside a distribution's site and scripts directory (src/migrate/record.ts decides):
   * metadataPath → the entries. `pip uninstall` would delete those files, so no fix may advise it there.
   */
  recordEscapes: Map<string, string[]>;
  /** Command names in /usr/bin (apt's), to tell when a pip script hides one. */
  usrBin: Set<string>;
}

/** The facts the prerequisite checks read (a migration asks them of a what-if inventory without the rest). */
export type CheckFacts = Pick<MachineFacts, 'platform' | 'env' | 'path' | 'tools' | 'interpreters' | 'defaultMinor'>;
