// Where an install gets its files: the user's configured index by default (pip's own configuration,
// piwheels included: we pass no index options), or the wheels rebuilt from the installed files when
// that index cannot serve the exact version (no network, a Pi offline) or when --offline says so. Pure.

/** pip/pipx/uv output that means "the index could not provide it", as opposed to a broken package. */
const UNREACHABLE = [
  /No matching distribution found for/i,
  /Could not find a version that satisfies the requirement/i,
  /Failed to establish a new connection/i,
  /NewConnectionError/,
  /Temporary failure in name resolution/i,
  /Name or service not known/i,
  /Network is unreachable/i,
  /Connection refused/i,
  /ConnectTimeoutError|Read timed out/i,
  /Max retries exceeded/i,
  /ProxyError/,
  /Because there are no versions of|was not found in the package registry|Failed to fetch/i, // uv
];

/** Did an install fail because the index is unreachable or lacks the version? */
export function indexUnreachable(output: string): boolean {
  return UNREACHABLE.some((re) => re.test(output));
}

export const FALLBACK_NOTE = 'the index is unreachable or lacks this version: installing the same version from the wheels rebuilt from the installed files (hashes checked against RECORD)';

/** One line for plans: where the install step will take its files from. */
export function installSourceText(offline: boolean, wheelDir: string): string {
  return offline
    ? `install source: the wheels rebuilt from the installed files (--offline), in ${wheelDir}`
    : `install source: your configured index (pip's own configuration); if it is unreachable, the wheels rebuilt from the installed files in ${wheelDir}`;
}
