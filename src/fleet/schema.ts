// The fleet facts contract, `pyenvtui/facts@1` (docs/fleet.md): what `scan --facts` prints for Ansible's
// facts.d and what `pyenvtui fleet` reads back. Pure types; fields may be added within @1.
import type { EnvKind, Scope, Severity } from '../model.js';

export const FACTS_SCHEMA = 'pyenvtui/facts@1';

export interface FactsPlatform {
  os: string;
  arch: string;
  /** os-release ID, family and pretty name; `raspberryPi` is the model (or '' when only the OS says so). */
  id: string;
  family: string;
  name: string;
  versionId: string | null;
  raspberryPi: string | null;
  wsl: number | null;
  container: string | null;
}

export interface FactsContext {
  /** Directory scanned as "/". */
  root: string;
  user: string | null;
  uid: number;
  home: string;
  homes: string[];
}

export interface FactsPackage {
  name: string;
  version: string;
  scope: Scope;
  installer: string | null;
  requested: boolean;
}

export interface FactsEnvironment {
  id: string;
  kind: EnvKind;
  name: string;
  prefix: string;
  python: string | null;
  externallyManaged: boolean;
  health: 'ok' | 'broken';
  problems: number;
  /** Bytes on disk (a lower bound when the walk budget ran out); null when not measured. */
  sizeBytes: number | null;
  packages: number;
  /** Package copies per scope (`user` copies are listed on the system interpreter). */
  scopes: Partial<Record<Scope, number>>;
  /** Only with `--facts=full`. */
  packageList?: FactsPackage[];
}

export interface FactsFinding {
  rule: string;
  severity: Severity;
  title: string;
  environment: string | null;
  package: string | null;
}

export interface FactsPackages {
  /** sha256 over the sorted `env-index name==version` lines: equal digests, equal package sets. */
  digest: string;
  /** Package copies over every environment. */
  count: number;
  /** name → version → indexes into `environments` holding that version. */
  index: Record<string, Record<string, number[]>>;
}

export interface FactsDoc {
  schema: typeof FACTS_SCHEMA;
  /** pyenvtui version that wrote it. */
  version: string;
  generatedAt: string;
  host: string;
  platform: FactsPlatform;
  context: FactsContext;
  summary: { environments: number; broken: number; packages: number; findings: Record<Severity, number> };
  environments: FactsEnvironment[];
  findings: FactsFinding[];
  packages: FactsPackages;
  /** Scan problems (unreadable dirs, ...), counted; the messages stay on the host (`scan --json`). */
  problems: number;
}
