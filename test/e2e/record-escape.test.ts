// A hostile RECORD never leads removal, backup or undo outside the package's site and scripts dir, nor
// outside --root: absolute entries, `../` walks, files behind a symlinked directory, a link to /dev/zero
// and a FIFO. Canary files outside the site must survive a real migration and its undo, with --root and
// on the live machine (no --root), where pip's own uninstall would have followed the entries.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, cli, createSandbox, type Sandbox } from '../helpers/sandbox/index.js';

const SITE = '~/.local/lib/python3.11/site-packages';

interface Canaries {
  files: string[];
}

/** Plant the package with a RECORD that names paths outside its site, and the canaries those paths hit. */
async function hostile(sb: Sandbox): Promise<Canaries> {
  await sb.pipUser([`${DEMO.lib}==${DEMO.libVersion}`]);
  const site = sb.path(SITE);
  const outside = path.join(sb.base, 'tmp', 'outside');
  mkdirSync(outside, { recursive: true });
  const abs = path.join(outside, 'absolute.txt');
  const walk = path.join(outside, 'walk.txt');
  const behind = path.join(outside, 'behind-link.txt');
  const inRoot = sb.path('~/notes.txt'); // inside the root, outside the site
  for (const f of [abs, walk, behind, inRoot]) writeFileSync(f, 'keep me\n');
  symlinkSync(outside, path.join(site, 'evil_dir'));
  symlinkSync('/dev/zero', path.join(site, 'zero.bin'));
  execFileSync('/usr/bin/mkfifo', [path.join(site, 'pipe.fifo')]);
  const record = path.join(site, `pyenvtui_demo_lib-${DEMO.libVersion}.dist-info`, 'RECORD');
  appendFileSync(
    record,
    [
      `${abs},,`,
      `${path.relative(site, walk)},,`,
      `pyenvtui_demo_lib/../../../../../../notes.txt,,`,
      '/home/tester/notes.txt,,',
      'evil_dir/behind-link.txt,,',
      'zero.bin,,',
      'pipe.fifo,,',
      '',
    ].join('\n'),
  );
  return { files: [abs, walk, behind, inRoot, '/dev/zero'] };
}

function intact(c: Canaries): void {
  for (const f of c.files) {
    if (f === '/dev/zero') expect(lstatSync(f).isCharacterDevice()).toBe(true);
    else expect(readFileSync(f, 'utf8'), f).toBe('keep me\n');
  }
}

describe('RECORD entries outside the site', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await createSandbox();
  });
  afterEach(() => sb.cleanup());

  it('--root: the plan names the refused entries, migration and undo touch nothing outside the site', { timeout: 300_000 }, async () => {
    const c = await hostile(sb);
    const dry = await cli(sb, ['migrate', DEMO.lib, '--from', 'user', '--to', 'venv', '--dry-run', '--root', sb.root]);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/pyenvtui-demo-lib: its RECORD names \d+ path\(s\) pyenvtui will not touch/);
    expect(dry.stdout).toContain('(outside the scanned root)');
    expect(dry.stdout).toContain('(leads outside the site and its scripts directory)');
    const r = await cli(sb, ['migrate', DEMO.lib, '--from', 'user', '--to', 'venv', '--yes', '--root', sb.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    intact(c);
    // The package's own files are gone from the site; the refused FIFO is left alone.
    expect(existsSync(sb.path(`${SITE}/pyenvtui_demo_lib`))).toBe(false);
    expect(lstatSync(sb.path(`${SITE}/pipe.fifo`)).isFIFO()).toBe(true);
    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    intact(c);
    expect(existsSync(sb.path(`${SITE}/pyenvtui_demo_lib/__init__.py`))).toBe(true);
  });

  it('live machine: pyenvtui removes only the confined files instead of letting pip uninstall follow the RECORD', { timeout: 300_000 }, async () => {
    const c = await hostile(sb);
    const env = { HOME: sb.home };
    const dry = await cli(sb, ['migrate', DEMO.lib, '--from', 'user', '--to', 'venv', '--dry-run'], { env });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toContain('not pip uninstall: it would follow the entries above');
    const r = await cli(sb, ['migrate', DEMO.lib, '--from', 'user', '--to', 'venv', '--yes'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    intact(c);
    expect(existsSync(sb.path(`${SITE}/pyenvtui_demo_lib`))).toBe(false);
    const u = await cli(sb, ['undo', '--yes'], { env });
    expect(u.code, u.stdout + u.stderr).toBe(0);
    intact(c);
  });
});
