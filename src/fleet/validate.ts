// Turns an untrusted JSON value from a host file into facts (packages as a compact table), or says why not. Every string is
// cut to a bound and cleaned of control characters here, so no consumer (text report, JSON, the
// dashboard) can be driven by what a hostile host wrote; every list is bounded too.
import { ENV_KINDS, SEVERITIES, type EnvKind, type Scope, type Severity } from '../model.js';
import type { FleetFacts } from './model.js';
import { eagerPackages, lazyPackages } from './packages.js';
import { FACTS_SCHEMA, type FactsEnvironment, type FactsFinding } from './schema.js';
import { cleanText, isObj } from './validate-text.js';

const MAX_ENVS = 20_000;
const MAX_FINDINGS = 20_000;
const SCOPES: readonly Scope[] = ['distro', 'local', 'user', 'env'];

export { cleanText, isObj };

function textOrNull(x: unknown, max = 256): string | null {
  return typeof x === 'string' ? cleanText(x, max) : null;
}

function count(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.floor(x) : 0;
}

function severity(x: unknown): Severity {
  return (SEVERITIES as readonly unknown[]).includes(x) ? (x as Severity) : 'info';
}

function environment(x: unknown): FactsEnvironment | null {
  if (!isObj(x)) return null;
  const kind: EnvKind = (ENV_KINDS as readonly unknown[]).includes(x.kind) ? (x.kind as EnvKind) : 'venv';
  const scopes: FactsEnvironment['scopes'] = {};
  if (isObj(x.scopes)) for (const s of SCOPES) if (x.scopes[s] !== undefined) scopes[s] = count(x.scopes[s]);
  const env: FactsEnvironment = {
    id: cleanText(x.id, 1024),
    kind,
    name: cleanText(x.name),
    prefix: cleanText(x.prefix, 1024),
    python: textOrNull(x.python, 64),
    externallyManaged: x.externallyManaged === true,
    health: x.health === 'broken' ? 'broken' : 'ok',
    problems: count(x.problems),
    sizeBytes: typeof x.sizeBytes === 'number' && Number.isFinite(x.sizeBytes) && x.sizeBytes >= 0 ? x.sizeBytes : null,
    packages: count(x.packages),
    scopes,
  };
  if (Array.isArray(x.packageList)) {
    env.packageList = x.packageList.slice(0, 100_000).filter(isObj).map((p) => ({
      name: cleanText(p.name, 128),
      version: cleanText(p.version, 64),
      scope: (SCOPES as readonly unknown[]).includes(p.scope) ? (p.scope as Scope) : 'env',
      installer: textOrNull(p.installer, 64),
      requested: p.requested === true,
    }));
  }
  return env;
}

function finding(x: unknown): FactsFinding | null {
  if (!isObj(x) || typeof x.rule !== 'string') return null;
  return {
    rule: cleanText(x.rule, 64),
    severity: severity(x.severity),
    title: cleanText(x.title, 512),
    environment: textOrNull(x.environment, 1024),
    package: textOrNull(x.package, 128),
  };
}

/**
 * A facts document from untrusted JSON, or the reason it is not one. `indexText`: the package index's
 * JSON text when the reader cut it out of the file (the document then holds `{}` in its place).
 */
export function validateFacts(x: unknown, indexText?: string): { facts: FleetFacts } | { error: string } {
  if (!isObj(x)) return { error: 'pyenvtui facts are not a JSON object' };
  if (x.schema !== FACTS_SCHEMA) {
    const s = typeof x.schema === 'string' ? cleanText(x.schema, 64) : 'missing';
    return { error: `unsupported facts schema '${s}' (this pyenvtui reads ${FACTS_SCHEMA})` };
  }
  const environments = (Array.isArray(x.environments) ? x.environments.slice(0, MAX_ENVS) : []).map(environment).filter((e): e is FactsEnvironment => e !== null);
  const findings = (Array.isArray(x.findings) ? x.findings.slice(0, MAX_FINDINGS) : []).map(finding).filter((f): f is FactsFinding => f !== null);
  const p = isObj(x.platform) ? x.platform : {};
  const c = isObj(x.context) ? x.context : {};
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const rawPkgs = isObj(x.packages) ? x.packages : {};
  const digest = cleanText(rawPkgs.digest, 80);
  const cut = indexText !== undefined && isObj(rawPkgs.index) && Object.keys(rawPkgs.index).length === 0;
  const pkgs = cut ? lazyPackages(digest, count(rawPkgs.count), indexText, environments.length) : eagerPackages(digest, count(rawPkgs.count), rawPkgs.index, environments.length);
  return {
    facts: {
      schema: FACTS_SCHEMA,
      version: cleanText(x.version, 64),
      generatedAt: cleanText(x.generatedAt, 64),
      host: cleanText(x.host, 255),
      platform: {
        os: cleanText(p.os, 32),
        arch: cleanText(p.arch, 32),
        id: cleanText(p.id, 64),
        family: cleanText(p.family, 32),
        name: cleanText(p.name, 128),
        versionId: textOrNull(p.versionId, 32),
        raspberryPi: textOrNull(p.raspberryPi, 128),
        wsl: typeof p.wsl === 'number' ? count(p.wsl) : null,
        container: textOrNull(p.container, 32),
      },
      context: {
        root: cleanText(c.root, 1024),
        user: textOrNull(c.user, 64),
        uid: count(c.uid),
        home: cleanText(c.home, 1024),
        homes: Array.isArray(c.homes) ? c.homes.slice(0, 1000).map((h) => cleanText(h, 1024)) : [],
      },
      // Recounted from what was read: a host cannot claim numbers its lists do not carry.
      summary: {
        environments: environments.length,
        broken: environments.filter((e) => e.health === 'broken').length,
        packages: environments.reduce((n, e) => n + e.packages, 0),
        findings: counts,
      },
      environments,
      findings,
      packages: pkgs,
      problems: count(x.problems),
    },
  };
}
