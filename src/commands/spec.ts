// One description per command: its options, arguments and help. Parsing (Node's own `util.parseArgs`),
// the usage errors and `pyenvtui CMD --help` are all generated from it, so the help cannot drift from
// what the command accepts. Light on purpose: cli.ts loads every spec to route, never a command's code.
import { parseArgs } from 'node:util';
import type { CommandIO } from '../io.js';

export interface OptionSpec {
  type: 'boolean' | 'string';
  /** One-letter alias (`-y`). */
  short?: string;
  /** May be given several times (string options): the values are collected in order. */
  multiple?: boolean;
  /** Placeholder of the value in help (DIR, N). Defaults to the choices joined with |, else VALUE. */
  value?: string;
  /** Accepted values, matched case-insensitively and returned in this spelling. */
  choices?: readonly string[];
  /** A boolean that also accepts `=VALUE` from `choices` (`--facts` / `--facts=full`); the value is then a string. */
  optionalValue?: boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments in the synopsis (`NAME...`, `[ID]`), and how many are accepted. */
  args?: { synopsis: string; max: number };
  /** Extra synopsis lines for other forms (`migrate --resume [ID]`). */
  forms?: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
}

export type OptionValue = string | boolean | string[] | undefined;
export interface Parsed {
  values: Record<string, OptionValue>;
  positionals: string[];
}

/** Options every command accepts (cli.ts takes them out before a command parses). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  context: { type: 'string', choices: ['host', 'container'], help: 'what this machine is: a host (default when unsure) or a throwaway container where pip into the system Python is acceptable (also PYENVTUI_CONTEXT)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const choice = (o: OptionSpec, v: string): string | undefined => o.choices?.find((c) => c.toLowerCase() === v.toLowerCase());

/** Parses argv against a spec; an error message for bad usage. Pure. */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed | { error: string } {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [
      name,
      { type: o.optionalValue ? 'string' : o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  // A bare optional-value flag (`--facts`) is made explicit so parseArgs never takes the next word as its value.
  const args = argv.map((a) => {
    const name = a.startsWith('--') ? a.slice(2) : null;
    return name !== null && spec.options[name]?.optionalValue ? `${a}=` : a;
  });
  let tokens;
  try {
    ({ tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }));
  } catch (e) {
    return { error: (e as Error).message };
  }
  const values: Record<string, OptionValue> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    const o = spec.options[t.name];
    if (!o) return { error: `unknown option '${t.rawName}'` };
    let v: string | boolean;
    if (o.optionalValue) {
      if (t.value === '' || t.value === undefined) v = true;
      else {
        const c = choice(o, t.value);
        if (c === undefined) return { error: `${t.rawName} takes no value or ${o.choices!.map((x) => `'=${x}'`).join(', ')}, got '${t.value}'` };
        v = c;
      }
    } else if (o.type === 'boolean') {
      if (t.inlineValue) return { error: `${t.rawName} takes no value` };
      v = true;
    } else {
      if (t.value === undefined || t.value === '') return { error: `${t.rawName} needs a value` };
      if (o.choices) {
        const c = choice(o, t.value);
        if (c === undefined) return { error: `${t.rawName} must be one of ${o.choices.join(', ')} (got '${t.value}')` };
        v = c;
      } else v = t.value;
    }
    if (o.multiple) values[t.name] = [...((values[t.name] as string[] | undefined) ?? []), String(v)];
    else values[t.name] = v;
  }
  const max = spec.args?.max ?? 0;
  if (positionals.length > max) {
    const extra = positionals[max]!;
    return { error: max === 0 ? `unexpected argument '${extra}' (${spec.name} takes options only)` : `unexpected argument '${extra}' (${spec.name} takes ${spec.args!.synopsis})` };
  }
  return { values, positionals };
}

const HELP_WIDTH = 100;
const HELP_COLUMN = 30;

/** Words into lines of at most `width` characters (a longer word gets its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  return [...lines, cur];
}

function optionLabel(name: string, o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : ''}--${name}`;
  if (o.optionalValue) return `${flag}[=${o.choices?.join('|') ?? 'VALUE'}]`;
  if (o.type === 'boolean') return flag;
  return `${flag} ${o.value ?? o.choices?.join('|') ?? 'VALUE'}`;
}

/** `pyenvtui NAME ARGS [options]` and the other forms. */
export function synopsis(spec: CommandSpec): string[] {
  const head = `pyenvtui ${spec.name}${spec.args ? ` ${spec.args.synopsis}` : ''}${Object.keys(spec.options).length ? ' [options]' : ''}`;
  return [head, ...(spec.forms ?? []).map((f) => `pyenvtui ${spec.name} ${f}`)];
}

/** The short usage printed with a usage error. */
export function usageText(spec: CommandSpec): string {
  return `Usage: ${synopsis(spec).join('\n       ')}\nRun 'pyenvtui ${spec.name} --help' for every option.\n`;
}

/** `pyenvtui NAME --help`: synopsis, summary, every option the parser accepts. */
export function commandHelp(spec: CommandSpec): string {
  const rows = (opts: Readonly<Record<string, OptionSpec>>): string[] =>
    Object.entries(opts).flatMap(([name, o]) => {
      const label = optionLabel(name, o);
      const text = wrap(`${o.help}${o.multiple ? ' (repeatable)' : ''}`, HELP_WIDTH - HELP_COLUMN);
      const first = label.length < HELP_COLUMN - 3 ? [`  ${label.padEnd(HELP_COLUMN - 3)} ${text[0]}`] : [`  ${label}`, `${''.padEnd(HELP_COLUMN)}${text[0]}`];
      return [...first, ...text.slice(1).map((t) => `${''.padEnd(HELP_COLUMN)}${t}`)];
    });
  const lines = [`Usage: ${synopsis(spec).join('\n       ')}`, '', ...wrap(spec.summary, HELP_WIDTH - 2).map((l) => `  ${l}`)];
  if (Object.keys(spec.options).length) lines.push('', 'Options:', ...rows(spec.options));
  lines.push('', 'Global options:', ...rows(GLOBAL_OPTIONS));
  return lines.join('\n') + '\n';
}

/** Prints a usage error for `spec` and returns exit code 2. */
export function usageError(io: Pick<CommandIO, 'stderr'>, spec: CommandSpec, message: string, visible: (s: string) => string = (s) => s): number {
  io.stderr.write(`pyenvtui ${spec.name}: ${visible(message)}\n${usageText(spec)}`);
  return 2;
}

/** Typed readers of parsed values. */
export const str = (p: Parsed, k: string): string | undefined => (typeof p.values[k] === 'string' ? (p.values[k] as string) : undefined);
export const flag = (p: Parsed, k: string): boolean => p.values[k] !== undefined && p.values[k] !== false;
export const list = (p: Parsed, k: string): string[] => (Array.isArray(p.values[k]) ? (p.values[k] as string[]) : []);
