// Issue 10 item 3: one command table. Each command's help is generated from the same spec its parser
// reads; this checks both ways (every accepted option is in the help, every option in the help is
// accepted) and runs the real bin for each `--help`, a bad option, an extra argument and a broken pipe.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/table.js';
import { GLOBAL_OPTIONS, commandHelp, parseCommand, type CommandSpec } from '../../src/commands/spec.js';
import { parseDoctorArgs } from '../../src/commands/doctor.js';
import { parseMigrateArgs, parseTarget } from '../../src/commands/migrate.js';
import { parseScanArgs } from '../../src/commands/scan.js';
import { HELP } from '../../src/cli.js';
import { BIN } from '../helpers/tmux.js';
import { makeVenv, tmp } from './discover/fixtures.js';
import { tempRoot } from '../helpers/root-builder.js';

const box = tempRoot({ 'etc/os-release': 'ID=debian\nVERSION_ID="12"\n', 'root/.keep': '' });
afterAll(() => box.cleanup());
const ENV = { PATH: '/usr/bin:/bin', HOME: `${box.root}/root`, XDG_STATE_HOME: `${box.root}/state` };

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every `--option` (and `-x`) the help text names, in its option rows. */
function helpOptions(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === 'Options:' || l === 'Global options:');
  const rows = lines.slice(start).filter((l) => /^ {2}-/.test(l));
  return rows.flatMap((l) => [...l.trimStart().split(/\s{2,}/)[0]!.matchAll(/(?:^|, )(--?[a-z][a-z-]*)/g)].map((m) => m[1]!));
}

/** An argv that gives `name` a fitting value, to see whether the parser accepts the option. */
function argvFor(spec: CommandSpec, name: string): string[] {
  const o = spec.options[name]!;
  if (o.type === 'boolean') return [`--${name}`];
  return [`--${name}`, o.choices?.[0] ?? '1'];
}

describe.each(COMMANDS.map((c) => [c.spec.name, c.spec] as const))('%s', (name, spec) => {
  it('help lists exactly the options the parser accepts', () => {
    const help = commandHelp(spec);
    const listed = helpOptions(help);
    const accepted = [...Object.keys(spec.options), ...Object.keys(GLOBAL_OPTIONS)].map((k) => `--${k}`);
    const shorts = [...Object.values(spec.options), ...Object.values(GLOBAL_OPTIONS)].flatMap((o) => (o.short ? [`-${o.short}`] : []));
    expect(listed.sort()).toEqual([...accepted, ...shorts].sort());
    // And the parser takes each one it lists (the global ones are cli.ts's).
    for (const opt of Object.keys(spec.options)) expect(parseCommand(spec, argvFor(spec, opt)), `--${opt}`).not.toHaveProperty('error');
    expect(parseCommand(spec, ['--frobnicate'])).toEqual({ error: "unknown option '--frobnicate'" });
  });

  it(`pyenvtui ${name} --help (a real process) prints that help and exits 0`, () => {
    const r = run([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(commandHelp(spec));
    expect(run([name, '-h']).out).toBe(r.out);
  });

  it('an unknown option is one clear message and exit 2', () => {
    const r = run([name, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^pyenvtui ${name}: unknown option '--frobnicate'\\nUsage: pyenvtui ${name}`));
    expect(r.err).toContain(`Run 'pyenvtui ${name} --help' for every option.`);
    expect(r.out).toBe('');
  });

  it('too many arguments is one clear message and exit 2', () => {
    const max = spec.args?.max ?? 0;
    if (max === Infinity) return void expect(['migrate', 'repair', 'clean']).toContain(name); // NAME... / ENV... take any number
    const extra = [...Array.from({ length: max }, (_, i) => `arg${i}`), 'one-too-many'];
    expect(parseCommand(spec, extra)).toEqual({ error: expect.stringMatching(/^unexpected argument 'one-too-many'/) });
    const r = run([name, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^pyenvtui ${name}: unexpected argument 'one-too-many'`));
  });
});

describe('the table', () => {
  it('names every command in pyenvtui --help, and the global options in each command help', () => {
    for (const c of COMMANDS) expect(HELP).toContain(`pyenvtui ${c.spec.name}`);
    // The bundle carries the release version, the sources a dev one: compared from the second line.
    expect(run(['--help']).out.split('\n').slice(1)).toEqual(HELP.split('\n').slice(1));
  });

  it('options that were missing from --help are there now', () => {
    const text = (n: string) => commandHelp(COMMANDS.find((c) => c.spec.name === n)!.spec);
    expect(text('scan')).toContain('--pretty');
    for (const o of ['--inject PKG', '--keep-source', '--resume', '--system-site-packages', '--no-system-site-packages']) expect(text('migrate')).toContain(o);
    expect(text('doctor')).toContain('--search DIR');
  });

  it('takes option values in any case where that is natural', () => {
    expect(parseDoctorArgs(['--fail-on', 'HIGH'])).toMatchObject({ failOn: 'high' });
    expect(parseDoctorArgs(['--fail-on=Medium'])).toMatchObject({ failOn: 'medium' });
    expect(parseDoctorArgs(['--fail-on', 'severe'])).toEqual({ error: "--fail-on must be one of critical, high, medium, low, info (got 'severe')" });
    expect(parseScanArgs(['--facts=FULL'])).toMatchObject({ facts: 'full' });
    expect(parseTarget('PIPX', '/home/u')).toEqual({ kind: 'pipx' });
    expect(parseTarget('Venv:/opt/MyEnv', '/home/u')).toEqual({ kind: 'venv', dir: '/opt/MyEnv' });
    expect(parseMigrateArgs(['tool', '--to', 'pipx', '--system-site-packages', '--no-system-site-packages'])).toHaveProperty('error');
    // Real processes: the bin exits as it would for the lower-case spelling.
    expect(run(['doctor', '--fail-on', 'HIGH', '--root', box.root]).code).toBe(0);
    expect(run(['doctor', '--context', 'HOST', '--root', box.root, '--json']).out).toContain('"assumed": "host"');
  });

  it('doctor --search looks in the directory (the README calls --search common)', () => {
    // A venv whose interpreter is gone, deep outside HOME: only --search finds it, and doctor reports it.
    // --search takes the host path; inside --root it is mapped to the machine path /srv/deep.
    const own = tempRoot({ 'etc/os-release': 'ID=debian\nVERSION_ID="12"\n', 'root/.keep': '' });
    const venv = `${own.root}/srv/deep/a/b/.venv`;
    mkdirSync(`${venv}/bin`, { recursive: true });
    writeFileSync(`${venv}/pyvenv.cfg`, 'home = /nonexistent/python/bin\nversion = 3.11.2\n');
    symlinkSync('/nonexistent/python/bin/python3.11', `${venv}/bin/python`);
    const doctor = (extra: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'doctor', '--json', '--root', own.root, ...extra], { encoding: 'utf8', env: { ...ENV, HOME: `${own.root}/root` } });
      return { code: r.status, findings: (JSON.parse(r.stdout).findings as Array<{ rule: string; environment?: string }>).filter((f) => f.environment?.endsWith('/srv/deep/a/b/.venv')) };
    };
    expect(doctor([]).findings).toEqual([]);
    const found = doctor(['--search', `${own.root}/srv/deep`, '--depth', '3']);
    expect(found.findings.map((f) => f.rule)).toContain('broken-environment');
    expect(found.code).toBe(1);
    own.cleanup();
  });
});

describe('a reader that stops early', () => {
  it('`pyenvtui scan --json --pretty | head -1` through a real pipe: no stack trace, exit 141', async () => {
    // A venv with many packages: the JSON is several times a pipe's 64 KiB, so the writer meets the closed pipe.
    const root = tmp('pyenvtui-epipe-');
    const site = `${root}/home/u/.venvs/big/lib/python3.11/site-packages`;
    makeVenv(`${root}/home/u/.venvs/big`);
    for (let i = 0; i < 600; i++) {
      mkdirSync(`${site}/pkg${i}-1.0.dist-info`, { recursive: true });
      writeFileSync(`${site}/pkg${i}-1.0.dist-info/METADATA`, `Metadata-Version: 2.1\nName: pkg${i}\nVersion: 1.0\nSummary: a package with a summary long enough to count\n`);
    }
    const env = { PATH: '/usr/bin:/bin', HOME: `${root}/home/u` };
    const full = spawnSync(process.execPath, [BIN, 'scan', '--json', '--pretty', '--root', root], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    expect(full.stdout.length).toBeGreaterThan(4 * 65536);
    const writer = spawn(process.execPath, [BIN, 'scan', '--json', '--pretty', '--root', root], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const head = spawn('head', ['-1'], { stdio: [writer.stdout, 'pipe', 'inherit'] });
    // head holds the read end now; this process lets go of its copy, or the pipe would never close.
    writer.stdout.destroy();
    let err = '';
    let first = '';
    writer.stderr.on('data', (c: Buffer) => (err += c.toString()));
    head.stdout!.on('data', (c: Buffer) => (first += c.toString()));
    const [code] = await Promise.all([
      new Promise<number | null>((res) => writer.on('close', (c) => res(c))),
      new Promise<void>((res) => head.on('close', () => res())),
    ]);
    expect(first).toBe('{\n');
    expect(err).toBe('');
    expect(code).toBe(141);
  });
});
