// The one way pyenvtui shows a command for a person to paste into a POSIX shell. Display only: nothing pyenvtui
// runs goes through a shell (execa with argument arrays). Every fix, plan step and advice line quotes through here.

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One word, quoted for a POSIX shell when it holds anything beyond a safe set (the empty word becomes ''). */
export function shellQuote(word: string): string {
  if (BARE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argument vector (and optional environment assignments before it) as one line to paste. */
export function formatArgv(argv: readonly string[], env?: Readonly<Record<string, string>>): string {
  const pre = env ? Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`) : [];
  return [...pre, ...argv.map(shellQuote)].join(' ');
}
