// Reader for pipx's `venvs/<name>/pipx_metadata.json`.
//
// pipx has written six format versions (pypa/pipx src/pipx/pipx_metadata_file.py):
//   0.1 original · 0.2 `suffix` · 0.3 man pages · 0.4 `source_interpreter` · 0.5 `pinned` · 0.6 `backend` (pip|uv).
// Paths are stored through pipx's JSON encoder as {"__type__": "Path", "__Path__": "/abs"}; older files may
// hold plain strings. Unknown future versions are read leniently (pipx itself refuses them) and say so.

/** Metadata versions pipx has written so far. */
export const PIPX_METADATA_VERSIONS = ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6'] as const;

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
  manPages: string[];
  suffix: string;
  pinned: boolean;
}

export interface PipxMetadata {
  /** As written in the file; null when missing. */
  metadataVersion: string | null;
  /** True when the version is one pipx has written (0.1 … 0.6). */
  knownVersion: boolean;
  mainPackage: PipxPackageInfo;
  pythonVersion: string | null;
  sourceInterpreter: string | null;
  venvArgs: string[];
  /** Keyed by injected package name (plus suffix, as pipx keys them). */
  injected: Record<string, PipxPackageInfo>;
  backend: string;
  /** Fields that had an unexpected type (the rest of the file is still used). */
  warnings: string[];
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
  const version = typeof raw.pipx_metadata_version === 'string' ? raw.pipx_metadata_version : null;
  if (version === null) warnings.push('pipx_metadata_version is missing');
  const knownVersion = version !== null && (PIPX_METADATA_VERSIONS as readonly string[]).includes(version);
  if (version !== null && !knownVersion) warnings.push(`unknown pipx_metadata_version ${version}`);

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
      mainPackage,
      pythonVersion: str(raw.python_version, 'python_version', warnings),
      sourceInterpreter: asPath(raw.source_interpreter),
      venvArgs: strList(raw.venv_args, 'venv_args', warnings),
      injected,
      backend,
      warnings,
    },
  };
}
