// How each Action is carried out. Only execute.ts and undo.ts call these: together they are the only
// code that changes the machine. Processes are spawned with argument arrays (execa, never a shell).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { Env } from '../context/scan-context.js';
import { backupFiles, findCachedWheel, listOwnedFiles, rebuildWheel, restoreFiles } from './backup.js';
import { FALLBACK_NOTE, indexUnreachable } from './install-source.js';
import { ownedDirs } from './record.js';
import { exists, finishPipxRemoval, removeVenvDir } from './remove-actions.js';
import { putBack, setAside } from './aside.js';
import { TEST_HOOK_VARS } from './test-hooks.js';
import type { Action, Check, Step } from './types.js';

export interface ActionContext {
  /** Environment children start from (the operator's, cleaned). */
  env: Env;
  backupDir: string;
  onOutput: (line: string) => void;
  onCheck: (c: Check, ok: boolean, detail: string) => void;
  /** Called with each child's pid as it starts (journaled, so a resume can wait for an orphan). */
  onSpawn?: (pid: number) => void;
  /** Between units of in-process work (test kill points). */
  checkpoint?: () => void;
  /** The journal says an earlier run of this same action was cut off: finish it. */
  resuming?: boolean;
}

export interface ActionResult {
  ok: boolean;
  exitCode?: number | null;
  output: string;
  error?: string;
  warnings?: string[];
}

// Variables that would make a child Python load the wrong code.
const DROP = ['PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'VIRTUAL_ENV', ...TEST_HOOK_VARS];

export function childEnv(base: Env, extra?: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !DROP.includes(k)) out[k] = v;
  return { ...out, ...(extra ?? {}) };
}

/** Spawn argv, stream its lines, never throw. */
export async function runArgv(
  argv: string[],
  ax: ActionContext,
  extra?: Record<string, string>,
  timeoutMs = 30 * 60_000,
): Promise<{ exitCode: number | null; stdout: string; all: string; error?: string }> {
  const [cmd, ...args] = argv;
  if (!cmd) return { exitCode: null, stdout: '', all: '', error: 'empty command' };
  const sub = execa(cmd, args, { env: childEnv(ax.env, extra), extendEnv: false, stdin: 'ignore', all: true, reject: false, timeout: timeoutMs, shell: false });
  if (sub.pid !== undefined) ax.onSpawn?.(sub.pid);
  let buf = '';
  sub.all?.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) ax.onOutput(l);
  });
  const r = await sub;
  if (buf) ax.onOutput(buf);
  const error = r.failed ? (r.exitCode === undefined ? r.shortMessage : `exit ${r.exitCode}`) : undefined;
  return { exitCode: r.exitCode ?? null, stdout: String(r.stdout ?? ''), all: String(r.all ?? ''), ...(error ? { error } : {}) };
}

function tail(s: string, n = 40): string {
  return s.split('\n').slice(-n).join('\n');
}

export async function perform(action: Action, ax: ActionContext): Promise<ActionResult> {
  switch (action.type) {
    case 'noop':
      return { ok: true, output: '' };
    case 'run': {
      const before = action.expectGone ? await listOwnedFiles(action.expectGone) : [];
      let r = await runArgv(action.argv, ax, action.env);
      let note = '';
      if (r.exitCode !== 0 && action.fallback && indexUnreachable(r.all)) {
        // pip/pipx/uv leave nothing behind when resolution fails, so the retry starts clean.
        ax.onOutput(FALLBACK_NOTE);
        note = `${FALLBACK_NOTE}\n`;
        r = await runArgv(action.fallback.argv, ax, action.fallback.env);
      }
      if (r.exitCode !== 0) return { ok: false, exitCode: r.exitCode, output: note + tail(r.all), error: r.error ?? 'failed' };
      // Debian's pip says "Not uninstalling X at /usr/lib/python3/dist-packages" and exits 0.
      const left = [];
      for (const f of before) if (await exists(f)) left.push(f);
      if (left.length) return { ok: false, exitCode: 0, output: tail(r.all), error: `the command succeeded but ${left.length} file(s) remain, e.g. ${left[0]}` };
      return { ok: true, exitCode: 0, output: note + tail(r.all) };
    }
    case 'backup': {
      const wheelDir = path.join(ax.backupDir, 'wheels');
      await fsp.mkdir(wheelDir, { recursive: true });
      for (const w of action.wheels) {
        const cached = action.pipCache ? await findCachedWheel(action.pipCache, w.name, versionFromDir(w.metadataHost)) : null;
        if (cached) {
          await fsp.copyFile(cached, path.join(wheelDir, path.basename(cached)));
          ax.onOutput(`${w.name}: original wheel from pip's cache (${cached})`);
        } else ax.onOutput(`${w.name}: rebuilt ${path.basename(await rebuildWheel(w, wheelDir))} (hashes match RECORD)`);
        ax.checkpoint?.();
      }
      const warnings: string[] = [];
      for (const w of action.fallbackWheels ?? []) {
        try {
          ax.onOutput(`${w.name}: rebuilt ${path.basename(await rebuildWheel(w, wheelDir))} (offline fallback)`);
        } catch (e) {
          warnings.push(`${w.name}: no offline fallback wheel (${e instanceof Error ? e.message : String(e)})`);
          ax.onOutput(warnings[warnings.length - 1]!);
        }
      }
      for (const f of action.files) {
        const n = await backupFiles(f, path.join(ax.backupDir, 'files', f.name));
        ax.onOutput(`${f.name}: copied ${n} installed files`);
        ax.checkpoint?.();
      }
      return { ok: true, output: '', ...(warnings.length ? { warnings } : {}) };
    }
    case 'verify': {
      const warnings: string[] = [];
      let failed: string | undefined;
      for (const c of action.checks) {
        const r = await runArgv(c.argv, ax, c.env, 120_000);
        const ok = r.exitCode === 0 && (c.expect === undefined || r.stdout.trim().includes(c.expect));
        ax.onCheck(c, ok, ok ? r.stdout.trim().split('\n')[0] ?? '' : tail(r.all, 5));
        if (!ok && c.soft) warnings.push(`${c.label}: failed (not required)`);
        else if (!ok) failed ??= `${c.label}: failed`;
      }
      return failed ? { ok: false, output: '', error: failed, warnings } : { ok: true, output: '', warnings };
    }
    case 'remove-files': {
      const files = await listOwnedFiles(action.dist);
      for (const f of files) {
        await fsp.rm(f, { force: true });
        ax.checkpoint?.();
      }
      await pruneEmptyDirs(ownedDirs(action.dist.siteHost, files));
      return { ok: true, output: `deleted ${files.length} files of ${action.dist.name}` };
    }
    case 'restore-files': {
      const n = await restoreFiles(path.join(ax.backupDir, 'files', action.dist));
      return { ok: true, output: `restored ${n} files of ${action.dist}` };
    }
    case 'link-apps': {
      for (const l of action.links) {
        const st = await fsp.lstat(l.link).catch(() => null);
        if (st?.isSymbolicLink() && (await fsp.readlink(l.link)) === l.to) continue;
        if (st) return { ok: false, output: '', error: `${l.link} exists and is not pipx's link; leaving it` };
        await fsp.mkdir(path.dirname(l.link), { recursive: true });
        await fsp.symlink(l.to, l.link);
        ax.checkpoint?.();
      }
      return { ok: true, output: action.links.map((l) => `${l.link} -> ${l.to}`).join('\n') };
    }
    case 'unlink-apps': {
      for (const l of action.links) {
        const st = await fsp.lstat(l.link).catch(() => null);
        if (st?.isSymbolicLink() && (await fsp.readlink(l.link)) === l.to) await fsp.rm(l.link);
        ax.checkpoint?.();
      }
      return { ok: true, output: '' };
    }
    case 'remove-dir':
      // Only ever a venv this migration created (see remove-actions.ts).
      return removeVenvDir(action.dir, { resuming: ax.resuming === true, ...(ax.checkpoint ? { checkpoint: ax.checkpoint } : {}) });
    case 'set-aside':
      return setAside(action.from, action.to, action.copy === true);
    case 'put-back':
      return putBack(action.aside, action.dir, action.replace === true, ax.resuming === true);
    case 'uninstall-pipx': {
      const rc = { resuming: ax.resuming === true, ...(ax.checkpoint ? { checkpoint: ax.checkpoint } : {}) };
      // Nothing installed (cut off before pipx made the venv): only stray links can be left.
      if (!(await exists(action.venv))) return finishPipxRemoval(action.venv, action.binDir, { ok: true, output: '' }, rc);
      const r = await runArgv(action.argv, ax, action.env);
      const first = r.exitCode === 0 ? { ok: true, output: tail(r.all) } : { ok: false, output: tail(r.all), error: r.error ?? 'failed' };
      return finishPipxRemoval(action.venv, action.binDir, first, rc);
    }
  }
}

/** The version part of NAME-VERSION.dist-info. */
function versionFromDir(metadataHost: string): string {
  const m = /^[^-]+-(.+)\.dist-info$/.exec(path.basename(metadataHost));
  return m?.[1] ?? '';
}


async function pruneEmptyDirs(dirs: string[]): Promise<void> {
  for (const d of dirs) await fsp.rmdir(d).catch(() => undefined);
}

/** Which watched paths are absent now (so that, if the step creates them, undo removes them). */
export async function absentWatched(step: Step): Promise<string[]> {
  const out: string[] = [];
  for (const w of step.watch ?? []) if (!(await exists(w.path))) out.push(w.path);
  return out;
}

export async function existing(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) if (await exists(p)) out.push(p);
  return out;
}

/** Remove paths a step created, unless something else now lives in them. */
export async function removeCreated(step: Step, created: string[]): Promise<void> {
  // Deepest first, so a created bin dir inside a created home goes before its parent is checked.
  for (const p of [...created].sort((a, b) => b.length - a.length)) {
    const w = step.watch?.find((x) => x.path === p);
    if (w?.keepIfNonEmpty) {
      const inner = path.join(p, w.keepIfNonEmpty);
      const entries = await fsp.readdir(inner).catch(() => [] as string[]);
      if (entries.length) continue;
    }
    await fsp.rm(p, { recursive: true, force: true });
  }
}
