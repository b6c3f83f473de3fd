// detectPlatform: read the few files that identify the OS, through ScanContext so `--root`
// scans an image as that machine. Never throws; unknown stays "unknown".
import type { ScanContext } from '../context/scan-context.js';
import type { Evidence } from '../model.js';
import { decideContext, raspberryPiModel, wslFrom } from './container.js';
import { identifyFamily, packageManagerFor, prettyName } from './identify.js';
import { idLike, parseOsRelease, type OsRelease } from './os-release.js';
import type { Platform } from './types.js';

const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'];
const MAC_VERSION_PLIST = '/System/Library/CoreServices/SystemVersion.plist';
const BREW_PREFIXES = ['/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew'];

/** Identify the scanned machine's platform. */
export async function detectPlatform(ctx: ScanContext): Promise<Platform> {
  const evidence: Evidence[] = [];
  const homebrew = await findHomebrew(ctx);
  const context = await detectContext(ctx, evidence);
  const container = context.assumed === 'container' ? { kind: context.runtime ?? 'container' } : null;
  const procVersion = await ctx.tryReadText('/proc/version');
  const wsl = wslFrom(procVersion, ctx.env.WSL_DISTRO_NAME);
  if (wsl) {
    evidence.push(ctx.env.WSL_DISTRO_NAME ? { env: 'WSL_DISTRO_NAME', detail: `WSL distribution ${ctx.env.WSL_DISTRO_NAME}` } : { path: '/proc/version', detail: 'kernel built by Microsoft (WSL)' });
  }

  const plist = await ctx.tryReadText(MAC_VERSION_PLIST);
  if (plist !== null || (ctx.platform === 'darwin' && ctx.root === '/')) {
    const version = plist ? /<key>ProductVersion<\/key>\s*<string>([^<]+)<\/string>/.exec(plist)?.[1] : undefined;
    evidence.push(plist ? { path: MAC_VERSION_PLIST, detail: `macOS ${version ?? ''}`.trim() } : { detail: 'process.platform is darwin' });
    if (homebrew) evidence.push({ path: `${homebrew.prefix}/bin/brew`, detail: 'Homebrew is installed' });
    return {
      os: 'darwin',
      family: 'macos',
      id: 'macos',
      idLike: [],
      name: version ? `macOS ${version}` : 'macOS',
      versionId: version,
      packageManager: homebrew ? 'brew' : null,
      raspberryPi: null,
      wsl: null,
      container,
      context,
      homebrew,
      sudo: false,
      evidence,
    };
  }

  let rel: OsRelease = {};
  for (const p of OS_RELEASE_PATHS) {
    const text = await ctx.tryReadText(p);
    if (text === null) continue;
    rel = parseOsRelease(text);
    evidence.push({ path: p, detail: `ID=${rel.ID ?? '?'}${rel.ID_LIKE ? ` ID_LIKE="${rel.ID_LIKE}"` : ''}` });
    break;
  }
  const family = identifyFamily(rel);
  const raspberryPi = await detectRaspberryPi(ctx, rel, evidence);
  const isLinux = Object.keys(rel).length > 0 || ctx.platform === 'linux';
  const packageManager = packageManagerFor(family) ?? (homebrew ? 'brew' : null);
  return {
    os: isLinux ? 'linux' : 'other',
    family,
    id: (rel.ID ?? 'linux').toLowerCase(),
    idLike: idLike(rel),
    name: raspberryPi && rel.ID === 'debian' ? `Raspberry Pi OS (${prettyName(rel)})` : prettyName(rel),
    versionId: rel.VERSION_ID,
    codename: rel.VERSION_CODENAME ?? rel.UBUNTU_CODENAME,
    packageManager,
    raspberryPi,
    wsl,
    container,
    context,
    homebrew,
    // Root inside a container usually has no sudo at all; elsewhere print what a user types.
    sudo: packageManager !== 'brew' && !(container && ctx.uid === 0),
    evidence,
  };
}

/** The user's word (--context sets PYENVTUI_CONTEXT), else the evidence (see decideContext). */
async function detectContext(ctx: ScanContext, evidence: Evidence[]): Promise<Platform['context']> {
  const said = ctx.env.PYENVTUI_CONTEXT?.trim().toLowerCase();
  if (said === 'host' || said === 'container') {
    const source = ctx.env.PYENVTUI_CONTEXT_FROM_FLAG === '1' ? 'flag' : 'env';
    const why = source === 'flag' ? `--context ${said}` : `PYENVTUI_CONTEXT=${said}`;
    evidence.push({ env: 'PYENVTUI_CONTEXT', detail: `${why}: treated as ${said === 'host' ? 'a host' : 'a throwaway container'} as told` });
    return { assumed: said, runtime: said === 'container' ? 'container' : null, why: `${why} (as told)`, source };
  }
  const environ = await ctx.tryReadText('/proc/1/environ');
  const d = decideContext({
    dockerenv: (await ctx.tryLstat('/.dockerenv')) !== null,
    containerenv: (await ctx.tryLstat('/run/.containerenv')) !== null ? ((await ctx.tryReadText('/run/.containerenv')) ?? '') : null,
    cgroup: await ctx.tryReadText('/proc/1/cgroup'),
    envContainer: ctx.env.container,
    systemdContainer: await ctx.tryReadText('/run/systemd/container'),
    pid1Container: environ?.split('\0').find((v) => v.startsWith('container='))?.slice('container='.length) ?? null,
    pid1Comm: await ctx.tryReadText('/proc/1/comm'),
    devcontainerEnv: ['REMOTE_CONTAINERS', 'CODESPACES', 'DEVCONTAINER'].find((k) => ctx.env[k]) ?? null,
  });
  if (d.runtime) evidence.push(d.path ? { path: d.path, detail: d.why } : { detail: d.why });
  return { assumed: d.assumed, runtime: d.runtime, why: d.why, source: 'detected' };
}

async function detectRaspberryPi(ctx: ScanContext, rel: OsRelease, evidence: Evidence[]): Promise<Platform['raspberryPi']> {
  const model = raspberryPiModel((await ctx.tryReadText('/proc/device-tree/model')) ?? (await ctx.tryReadText('/sys/firmware/devicetree/base/model')));
  const issue = await ctx.tryReadText('/etc/rpi-issue');
  if (issue !== null) evidence.push({ path: '/etc/rpi-issue', line: 1, detail: issue.split('\n')[0]?.trim() || 'Raspberry Pi OS image' });
  if (model) evidence.push({ path: '/proc/device-tree/model', detail: model });
  if (issue === null && !model && rel.ID !== 'raspbian') return null;
  if (issue === null && !model) evidence.push({ path: '/etc/os-release', detail: 'ID=raspbian' });
  return model ? { model } : {};
}

async function findHomebrew(ctx: ScanContext): Promise<Platform['homebrew']> {
  const prefixes = ctx.env.HOMEBREW_PREFIX ? [ctx.env.HOMEBREW_PREFIX, ...BREW_PREFIXES] : BREW_PREFIXES;
  for (const prefix of prefixes) {
    if (await ctx.isFile(`${prefix}/bin/brew`)) return { prefix };
  }
  return null;
}
