// Python version from files: include/pythonX.Y/patchlevel.h and PEP 739 build-details.json.

/** `#define PY_VERSION "3.11.2"` → "3.11.2"; null when absent. */
export function parsePatchlevel(text: string): string | null {
  // Spaces and tabs only: `^\s*` can span newlines and, tried at every line, turns quadratic.
  const m = /^[ \t]*#[ \t]*define[ \t]+PY_VERSION[ \t]+"([^"\n]+)"/m.exec(text);
  return m ? m[1]!.replace(/\+$/, '') : null;
}

/** PEP 739 build-details.json → language.version or implementation version. */
export function parseBuildDetails(text: string): string | null {
  // As PET reads it (pet-python-utils build_details.rs): language.version_info with the pre-release
  // suffix kept (alpha 1 → "a1", beta → "b", candidate → "rc"), so 3.15.0a1 never shrinks to "3.15".
  type Info = { major?: unknown; minor?: unknown; micro?: unknown; releaselevel?: unknown; serial?: unknown };
  const full = (v: Info | undefined): string | null => {
    if (!v || typeof v.major !== 'number' || typeof v.minor !== 'number' || typeof v.micro !== 'number') return null;
    const serial = typeof v.serial === 'number' ? v.serial : 0;
    const level = { alpha: `a${serial}`, beta: `b${serial}`, candidate: `rc${serial}` }[String(v.releaselevel)] ?? '';
    return `${v.major}.${v.minor}.${v.micro}${level}`;
  };
  try {
    const j = JSON.parse(text) as { language?: { version?: unknown; version_info?: Info }; implementation?: { version?: Info } };
    return full(j.language?.version_info) ?? full(j.implementation?.version) ?? (typeof j.language?.version === 'string' ? j.language.version : null);
  } catch {
    return null;
  }
}

/** X.Y from a name such as "python3.11", "lib/python3.12t"; null when none. */
export function minorFromName(name: string): string | null {
  const m = /python(\d+\.\d+)t?$/.exec(name);
  return m ? m[1]! : null;
}
