// Validation of names and paths read from disk before they reach a command line, and display quoting.
// Commands never go through a shell, but a name like `x; rm -rf ~` is still refused: it is not a
// distribution name, so it can only come from a corrupt or hostile file.
import { isValidDistName } from '../model.js';

/** Why `name` cannot be used as a distribution name, or null when it can. */
export function distNameProblem(name: string): string | null {
  if (!isValidDistName(name) || name.length > 200) {
    return `refusing ${JSON.stringify(name)}: not a valid distribution name (letters, digits, '.', '_', '-'; no shell metacharacters)`;
  }
  return null;
}

/** Console-script names become file names in bin/: same alphabet plus '+'. */
export function scriptNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/.test(name)) {
    return `refusing console script ${JSON.stringify(name)}: not a safe command name`;
  }
  return null;
}

/** Extras are names too (PEP 685). */
export function extraNameProblem(name: string): string | null {
  return isValidDistName(name) ? null : `refusing extra ${JSON.stringify(name)}: not a valid extra name`;
}

/** Versions go into `name==version`: PEP 440 characters only. */
export function versionProblem(v: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9.+!_-]{0,100}$/.test(v) ? null : `refusing version ${JSON.stringify(v)}: not a PEP 440 version`;
}

/** Absolute path with no control characters (they would corrupt argv display and journals). */
export function pathProblem(p: string): string | null {
  if (!p.startsWith('/') || /[\x00-\x1f\x7f]/.test(p)) return `refusing path ${JSON.stringify(p)}: not a clean absolute path`;
  return null;
}

/** Commands shown in plans are quoted by the one shell quoter. */
export { formatArgv } from '../text/shell.js';
