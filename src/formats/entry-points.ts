// entry_points.txt (INI): names under [console_scripts] and [gui_scripts].

export interface EntryPoints {
  consoleScripts: string[];
  guiScripts: string[];
  /** All groups: group → name → object reference. */
  groups: Record<string, Record<string, string>>;
}

export function parseEntryPoints(text: string): EntryPoints {
  const groups: Record<string, Record<string, string>> = {};
  let cur: Record<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      const g = sec[1]!.trim();
      cur = groups[g] ??= {};
      continue;
    }
    if (!cur) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    cur[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return {
    consoleScripts: Object.keys(groups.console_scripts ?? {}),
    guiScripts: Object.keys(groups.gui_scripts ?? {}),
    groups,
  };
}
