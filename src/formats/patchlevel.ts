// Python version from files: include/pythonX.Y/patchlevel.h and PEP 739 build-details.json.

/** `#define PY_VERSION "3.11.2"` → "3.11.2"; null when absent. */
export function parsePatchlevel(text: string): string | null {
  // Spaces and tabs only: `^\s*` can span newlines and, tried at every line, turns quadratic.
  const m = /^[ \t]*#[ \t]*define[ \t]+PY_VERSION[ \t]+"([^"\n]+)"/m.exec(text);
  return m ? m[1]!.replace(/\+$/, '') : null;
}

/** PEP 739 build-details.json → language.version or implementation version. */
export function parseBuildDetails(text: string): string | null {
  try {
    const j = JSON.parse(text) as {
      language?: { version?: unknown };
      implementation?: { version?: { major?: unknown; minor?: unknown; micro?: unknown } };
    };
    const iv = j.implementation?.version;
    if (iv && typeof iv.major === 'number' && typeof iv.minor === 'number' && typeof iv.micro === 'number') {
      return `${iv.major}.${iv.minor}.${iv.micro}`;
    }
    return typeof j.language?.version === 'string' ? j.language.version : null;
  } catch {
    return null;
  }
}

/** X.Y from a name such as "python3.11", "lib/python3.12t"; null when none. */
export function minorFromName(name: string): string | null {
  const m = /python(\d+\.\d+)t?$/.exec(name);
  return m ? m[1]! : null;
}
