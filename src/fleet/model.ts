// The fleet as pyenvtui sees it after reading a directory of per-host results: one FleetHost per
// inventory host name, whether it reported or not. Pure types.
import type { Severity } from '../model.js';
import type { FleetPackages } from './packages.js';
import type { FactsDoc } from './schema.js';

/** A host's facts as the fleet keeps them: packages in a compact table instead of nested objects. */
export type FleetFacts = Omit<FactsDoc, 'packages'> & { packages: FleetPackages };

/**
 * ok: facts read; unreachable / failed: Ansible said so (its message in `error`); no-facts: Ansible
 * reported but `ansible_local.pyenvtui` is missing or is Ansible's "error loading fact" string;
 * invalid: the file is not JSON, too big, or not a shape pyenvtui knows.
 */
export type HostStatus = 'ok' | 'unreachable' | 'failed' | 'no-facts' | 'invalid';

/** What one file in the directory said about one host (before merging a host's files). */
export interface HostReport {
  host: string;
  file: string;
  status: HostStatus;
  error: string | null;
  facts: FleetFacts | null;
  /** mtime of the file (ms): when Ansible wrote it. */
  mtimeMs: number;
}

export interface FleetHost {
  /** Inventory host name (the file name); `facts.host` is what the host calls itself. */
  name: string;
  status: HostStatus;
  error: string | null;
  /** Files this host's entry was read from. */
  files: string[];
  facts: FleetFacts | null;
  /** Days since the facts were generated (null without facts or a readable time). */
  ageDays: number | null;
  stale: boolean;
  worst: Severity | null;
  counts: Record<Severity, number>;
}

export interface Fleet {
  dir: string;
  /** The time staleness is measured against (ISO). */
  now: string;
  staleDays: number;
  hosts: FleetHost[];
  /** Files skipped (not a host result) and why; shown, never fatal. */
  skipped: { file: string; reason: string }[];
}

export interface RuleGroup {
  rule: string;
  /** Worst severity of this rule on any host. */
  severity: Severity;
  title: string;
  /** Hosts with at least one finding of this rule, by name. */
  hosts: string[];
  /** Findings of this rule over all hosts. */
  findings: number;
  /** Hosts that reported facts (the "of N"). */
  of: number;
}

export interface PackageOnHost {
  host: string;
  /** Each version on the host with the environments holding it. */
  versions: { version: string; environments: { id: string; name: string; kind: string }[] }[];
}

export interface PackageAcross {
  package: string;
  hosts: PackageOnHost[];
  /** Hosts with facts where the package is absent. */
  absent: string[];
  /** Hosts without facts (cannot say). */
  unknown: string[];
  /** Distinct versions over the fleet, sorted. */
  versions: string[];
}
