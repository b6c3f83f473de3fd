// `pyenvtui export`: what this machine's Pythons hold, as a document another machine can restore from.
// Pure: a function of the scanned inventory and its findings. Paths under HOME are written `~/...` so a
// restore into another account lands in that account's home.
import { isValidDistName, minorVersion, type EnvKind, type Environment, type Finding, type Inventory } from '../model.js';
import { INTERPRETER_KINDS } from './dependents.js';

export const EXPORT_SCHEMA = 'pyenvtui/export@1';

export interface ExportedTool {
  package: string;
  version: string;
  /** Python X.Y it ran on, when known. */
  python: string | null;
  /** pipx inject / uv --with companions, pinned. */
  injected: { package: string; version: string }[];
}

export interface ExportedVenv {
  /** `~/...` under the home, else the absolute path. */
  path: string;
  kind: EnvKind;
  python: string | null;
  systemSitePackages: boolean;
  /** `name==version`, sorted; pip itself comes with every new venv. */
  requirements: string[];
  /** What cannot be reinstalled from a requirement (editable installs, unsafe names), with why. */
  skipped: string[];
}

export interface ExportDoc {
  schema: typeof EXPORT_SCHEMA;
  exportedAt: string;
  host: string;
  platform: string;
  arch: string;
  pythons: { kind: EnvKind; name: string; version: string | null }[];
  pipx: ExportedTool[];
  uvTools: ExportedTool[];
  venvs: ExportedVenv[];
  /** pip settings that decide installs (file and line); restore reports them, it never re-applies break-system-packages. */
  pipConfig: { file: string; line?: number; detail: string }[];
  /** pip copies of packages the distribution packages: install those with the package manager instead. */
  aptReplacements: { package: string; version: string; distroPackage: string; command?: string }[];
}

const VENV_KINDS: ReadonlySet<EnvKind> = new Set<EnvKind>(['venv', 'virtualenvwrapper', 'poetry', 'pipenv', 'hatch', 'pdm', 'uv-project', 'pyenv-virtualenv']);
const SAFE_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;

function homeRelative(p: string, home: string): string {
  return p === home ? '~' : p.startsWith(`${home}/`) ? `~/${p.slice(home.length + 1)}` : p;
}

function pinned(env: Environment, exclude: ReadonlySet<string>): { requirements: string[]; skipped: string[] } {
  const requirements: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const d of env.packages) {
    if (d.scope !== 'env' || exclude.has(d.name) || seen.has(d.name)) continue;
    seen.add(d.name);
    if (!isValidDistName(d.displayName) || !SAFE_VERSION.test(d.version)) skipped.push(`${d.name}: name or version cannot be passed to pip safely`);
    else if (d.editable) skipped.push(`${d.displayName}: editable install from ${d.url ?? 'a source tree'}; reinstall it from its project`);
    else requirements.push(`${d.displayName}==${d.version}`);
  }
  return { requirements: requirements.sort(), skipped };
}

function tool(env: Environment): ExportedTool | null {
  const pkg = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
  const main = pkg ? env.packages.find((d) => d.name === pkg.toLowerCase().replace(/[-_.]+/g, '-')) : undefined;
  const version = main?.version ?? (typeof env.meta?.version === 'string' ? env.meta.version : null);
  if (!pkg || !version || !SAFE_VERSION.test(version)) return null;
  const injected: { package: string; version: string }[] = [];
  for (const i of Array.isArray(env.meta?.injected) ? (env.meta.injected as { package?: unknown; version?: unknown }[]) : []) {
    if (typeof i.package === 'string' && typeof i.version === 'string' && isValidDistName(i.package) && SAFE_VERSION.test(i.version)) injected.push({ package: i.package, version: i.version });
  }
  // uv: the receipt's requirements after the first are the `--with` companions; pinned at the installed version.
  if (env.kind === 'uv-tool' && Array.isArray(env.meta?.requirements)) {
    for (const q of (env.meta.requirements as { name?: unknown }[]).slice(1)) {
      const d = typeof q.name === 'string' ? env.packages.find((p) => p.name === q.name!.toString().toLowerCase().replace(/[-_.]+/g, '-')) : undefined;
      if (d && isValidDistName(d.displayName) && SAFE_VERSION.test(d.version)) injected.push({ package: d.displayName, version: d.version });
    }
  }
  return { package: pkg, version, python: minorVersion(env.python.version), injected };
}

/** The export document for an inventory and its findings. */
export function exportMachine(inv: Inventory, findings: readonly Finding[]): ExportDoc {
  const envs = [...inv.environments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const doc: ExportDoc = {
    schema: EXPORT_SCHEMA,
    exportedAt: inv.generatedAt,
    host: inv.host,
    platform: inv.platform,
    arch: inv.arch,
    pythons: envs.filter((e) => INTERPRETER_KINDS.has(e.kind)).map((e) => ({ kind: e.kind, name: e.name, version: e.python.version })),
    pipx: [],
    uvTools: [],
    venvs: [],
    pipConfig: [],
    aptReplacements: [],
  };
  for (const e of envs) {
    if (e.kind === 'pipx' || e.kind === 'uv-tool') {
      const t = tool(e);
      if (t) (e.kind === 'pipx' ? doc.pipx : doc.uvTools).push(t);
    } else if (VENV_KINDS.has(e.kind)) {
      doc.venvs.push({ path: homeRelative(e.prefix, inv.home), kind: e.kind, python: e.python.version, systemSitePackages: e.systemSitePackages, ...pinned(e, new Set(['pip'])) });
    }
    for (const d of e.packages) {
      const dp = d.advice?.action === 'distro' ? d.advice.distroPackage : undefined;
      if (dp && (d.scope === 'user' || d.scope === 'local')) doc.aptReplacements.push({ package: d.displayName, version: d.version, distroPackage: dp.name, ...(d.advice?.command ? { command: d.advice.command } : {}) });
    }
  }
  for (const f of findings) {
    if (!f.rule.startsWith('break-system-packages')) continue;
    for (const ev of f.evidence) doc.pipConfig.push({ file: ev.path ?? (ev.env ? `$${ev.env}` : '?'), ...(ev.line ? { line: ev.line } : {}), detail: ev.detail });
  }
  return doc;
}

/** Checks a parsed document from disk: the fields restore relies on, with the right types. */
export function validateExport(x: unknown): ExportDoc | { error: string } {
  if (typeof x !== 'object' || x === null) return { error: 'not a JSON object' };
  const d = x as Partial<ExportDoc>;
  if (d.schema !== EXPORT_SCHEMA) return { error: `schema is ${JSON.stringify(d.schema)}, expected ${EXPORT_SCHEMA}` };
  const arrays = ['pipx', 'uvTools', 'venvs', 'pipConfig', 'aptReplacements', 'pythons'] as const;
  for (const k of arrays) if (!Array.isArray(d[k])) return { error: `${k} is not a list` };
  for (const t of [...d.pipx!, ...d.uvTools!]) {
    if (typeof t?.package !== 'string' || !isValidDistName(t.package) || typeof t.version !== 'string' || !SAFE_VERSION.test(t.version)) return { error: `a tool entry has an invalid package or version: ${JSON.stringify(t).slice(0, 120)}` };
    if (!Array.isArray(t.injected)) return { error: `${t.package}: injected is not a list` };
  }
  for (const v of d.venvs!) {
    if (typeof v?.path !== 'string' || !Array.isArray(v.requirements)) return { error: `a venv entry has no path or requirements: ${JSON.stringify(v).slice(0, 120)}` };
  }
  return d as ExportDoc;
}
