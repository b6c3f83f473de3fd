// Reader for pipx's `venvs/<name>/pipx_metadata.json`.
//
// pipx has written twelve format versions (pypa/pipx src/pipx/pipx_metadata_file.py):
//   0.1 original · 0.2 `suffix` · 0.3 man pages · 0.4 `source_interpreter` · 0.5 `pinned` · 0.6 `backend` (pip|uv)
//   · 0.7 `exposure_enabled` · 0.8 `expected_apps` · 0.9 `lock_file` · 0.10 `include_apps_from` (later renamed
//   `include_resources_from`) and `environment` · 0.11 `cooldown_days` · 0.12 completions.
// Paths are stored through pipx's JSON encoder as {"__type__": "Path", "__Path__": "/abs"}; older files may
// hold plain strings. An unknown newer version is read by the fields we know and gets a note, never a
// warning: pipx adds fields, it has never removed one, so a newer file is no sign of damage.

/** Metadata versions pipx has written so far. */
export const PIPX_METADATA_VERSIONS = ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '0.10', '0.11', '0.12'] as const;

export interface PipxPackageInfo {
  /** Distribution name (null when pipx could not record it). */
  package: string | null;
  /** What the user typed: a name, a specifier or a URL. */
  packageOrUrl: string | null;
  packageVersion: string;
  pipArgs: string[];
  includeDependencies: boolean;
  apps: string[];
  appPaths: string[];
  appsOfDependencies: string[];
  /** Dependency package → its app paths (basename = app name). */
  appPathsOfDependencies: Record<string, string[]>;
  /** False when `pipx hide`/`--no-apps` keeps the main package's own apps unlinked (always true before 0.7). */
  includeApps: boolean;
  /** Dependencies whose apps are exposed (0.10 `include_apps_from`, later `include_resources_from`). */
  includeResourcesFrom: string[];
  manPages: string[];
  suffix: string;
  pinned: boolean;
}

export interface PipxMetadata {
  /** As written in the file; null when missing. */
  metadataVersion: string | null;
  /** True when the version is one pipx has written (0.1 … 0.12). */
  knownVersion: boolean;
  /** 0.7+: false when pipx hides every app of this venv. */
  exposureEnabled: boolean;
  mainPackage: PipxPackageInfo;
  pythonVersion: string | null;
  sourceInterpreter: string | null;
  venvArgs: string[];
  /** Keyed by injected package name (plus suffix, as pipx keys them). */
  injected: Record<string, PipxPackageInfo>;
  backend: string;
  /** Fields that had an unexpected type (the rest of the file is still used). */
  warnings: string[];
  /** Harmless facts worth a line (a newer metadata version read by its known fields). */
  notes: string[];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

type Json = unknown;

function isObj(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Decode pipx's Path encoding or accept a plain string. */
function asPath(v: Json): string | null {
  if (typeof v === 'string') return v;
  if (isObj(v) && v.__type__ === 'Path' && typeof v.__Path__ === 'string') return v.__Path__;
  return null;
}

function strList(v: Json, field: string, warnings: string[], conv: (x: Json) => string | null = (x) =>
  typeof x === 'string' ? x : null): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warnings.push(`${field} is not a list`);
    return [];
  }
  const out: string[] = [];
  for (const item of v) {
    const s = conv(item);
    if (s === null) warnings.push(`${field} has a non-string entry`);
    else out.push(s);
  }
  return out;
}

function str(v: Json, field: string, warnings: string[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  warnings.push(`${field} is not a string`);
  return null;
}

function pathMap(v: Json, field: string, warnings: string[]): Record<string, string[]> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) {
    warnings.push(`${field} is not an object`);
    return {};
  }
  const out: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(v)) out[k] = strList(list, `${field}.${k}`, warnings, asPath);
  return out;
}

/**
 * The apps pipx links into its bin dir, as pipx's `apps_to_expose` computes them: the package's own apps
 * unless `include_apps` is false, plus the apps of dependencies that `--include-deps` or
 * `include_resources_from` selects; nothing when the venv's exposure is disabled.
 */
export function exposedApps(p: PipxPackageInfo, exposureEnabled = true): string[] {
  if (!exposureEnabled) return [];
  const own = p.includeApps ? p.apps : [];
  const selected = new Set(p.includeResourcesFrom);
  const depNames = new Set<string>();
  for (const [pkg, paths] of Object.entries(p.appPathsOfDependencies)) {
    if (p.includeDependencies || selected.has(pkg)) for (const x of paths) depNames.add(x.slice(x.lastIndexOf('/') + 1));
  }
  // Files without app_paths_of_dependencies (hand-written, or damaged) fall back to the flag alone.
  const fromDeps = Object.keys(p.appPathsOfDependencies).length
    ? p.appsOfDependencies.filter((a) => depNames.has(a))
    : p.includeDependencies ? p.appsOfDependencies : [];
  return [...own, ...fromDeps];
}

function bool(v: Json): boolean {
  return v === true;
}

function packageInfo(v: Json, where: string, warnings: string[], fallbackSuffix = ''): PipxPackageInfo {
  const o = isObj(v) ? v : {};
  if (!isObj(v)) warnings.push(`${where} is not an object`);
  return {
    package: str(o.package, `${where}.package`, warnings),
    packageOrUrl: str(o.package_or_url, `${where}.package_or_url`, warnings),
    packageVersion: str(o.package_version, `${where}.package_version`, warnings) ?? '',
    pipArgs: strList(o.pip_args, `${where}.pip_args`, warnings),
    includeDependencies: bool(o.include_dependencies),
    apps: strList(o.apps, `${where}.apps`, warnings),
    appPaths: strList(o.app_paths, `${where}.app_paths`, warnings, asPath),
    appsOfDependencies: strList(o.apps_of_dependencies, `${where}.apps_of_dependencies`, warnings),
    appPathsOfDependencies: pathMap(o.app_paths_of_dependencies, `${where}.app_paths_of_dependencies`, warnings),
    includeApps: o.include_apps !== false,
    includeResourcesFrom: strList(o.include_resources_from ?? o.include_apps_from, `${where}.include_resources_from`, warnings),
    manPages: strList(o.man_pages, `${where}.man_pages`, warnings),
    suffix: str(o.suffix, `${where}.suffix`, warnings) ?? fallbackSuffix,
    pinned: bool(o.pinned),
  };
}

/**
 * Parse the text of a pipx_metadata.json. `venvName` is the directory name, used as pipx does to
 * recover the suffix of 0.1 files (which did not store it).
 */
export function parsePipxMetadata(text: string, venvName?: string): ParseResult<PipxMetadata> {
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (!isObj(raw)) return { ok: false, error: 'top level is not a JSON object' };
  if (!isObj(raw.main_package)) return { ok: false, error: 'main_package is missing or not an object' };
  const warnings: string[] = [];
  const notes: string[] = [];
  const version = typeof raw.pipx_metadata_version === 'string' ? raw.pipx_metadata_version : null;
  if (version === null) warnings.push('pipx_metadata_version is missing');
  const knownVersion = version !== null && (PIPX_METADATA_VERSIONS as readonly string[]).includes(version);
  if (version !== null && !knownVersion) {
    notes.push(`pipx_metadata_version ${version} is newer than pyenvtui knows (0.12): read by its known fields`);
  }

  // 0.1 had no suffix field: pipx derives it from the venv dir name (`black` in dir `black3` → `3`).
  const pkgName = typeof raw.main_package.package === 'string' ? raw.main_package.package : null;
  const derivedSuffix =
    version === '0.1' && venvName && pkgName && venvName !== pkgName ? venvName.replace(pkgName, '') : '';
  const mainPackage = packageInfo(raw.main_package, 'main_package', warnings, derivedSuffix);

  const injected: Record<string, PipxPackageInfo> = {};
  if (raw.injected_packages !== undefined && raw.injected_packages !== null) {
    if (!isObj(raw.injected_packages)) warnings.push('injected_packages is not an object');
    else {
      for (const [name, data] of Object.entries(raw.injected_packages)) {
        const info = packageInfo(data, `injected_packages.${name}`, warnings);
        injected[`${name}${info.suffix}`] = info;
      }
    }
  }
  const backend = typeof raw.backend === 'string' && raw.backend ? raw.backend : 'pip';
  return {
    ok: true,
    value: {
      metadataVersion: version,
      knownVersion,
      exposureEnabled: raw.exposure_enabled !== false,
      mainPackage,
      pythonVersion: str(raw.python_version, 'python_version', warnings),
      sourceInterpreter: asPath(raw.source_interpreter),
      venvArgs: strList(raw.venv_args, 'venv_args', warnings),
      injected,
      backend,
      warnings,
      notes,
    },
  };
}
