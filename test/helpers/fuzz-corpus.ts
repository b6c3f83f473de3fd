// The fuzz corpus shared by test/unit/fuzz-readers.test.ts (seeded, a few thousand inputs in CI) and
// bench/fuzz.mjs (>= 100,000 inputs). Every reader of on-disk formats is listed with its contract: the
// readers that return problems never throw; the few that throw by contract (requirement and marker
// parsing, lz4) may only throw their documented error. Inputs: valid samples mutated (cut, duplicated,
// spliced), random bytes, structural characters, control characters and long pathological runs.
import { parseCondaHistory, parseDistString, parseEnvironmentsTxt } from '../../src/formats/conda-meta.js';
import { parseCondarc } from '../../src/formats/condarc.js';
import { parseCoreMetadata, parseDirectUrl, parseRequiresTxt } from '../../src/formats/dist-info.js';
import { parseDiversions, parseDpkgList } from '../../src/formats/dpkg.js';
import { parseEntryPoints } from '../../src/formats/entry-points.js';
import { parseExternallyManaged } from '../../src/formats/externally-managed.js';
import { parseIni } from '../../src/formats/ini.js';
import { parseBuildDetails, parsePatchlevel } from '../../src/formats/patchlevel.js';
import { parsePipxMetadata } from '../../src/formats/pipx-metadata.js';
import { parsePyvenvCfg } from '../../src/formats/pyvenv-cfg.js';
import { parseRecord } from '../../src/formats/record.js';
import { parseUvReceipt } from '../../src/formats/uv-receipt.js';
import { compareDebVersions, parseControl } from '../../src/formats/deb-control.js';
import { Lz4Error, lz4Chunks } from '../../src/guidance/lz4.js';
import { evalMarker, markerEnv, parseMarker, parseRequirement } from '../../src/formats/pep508.js';
import { visible } from '../../src/text/safe.js';
import { stripTrailingSlashes } from '../../src/text/trim.js';

export interface Reader {
  name: string;
  run: (input: Buffer) => unknown;
  /** The only errors it may throw (by contract); undefined = never throws. */
  mayThrow?: (e: unknown) => boolean;
  seeds: string[];
}

const text = (b: Buffer): string => b.toString('utf8');
const anyError = (e: unknown): boolean => e instanceof Error && !(e instanceof RangeError && /call stack/.test(e.message));
const MENV = markerEnv('3.11.2', 'linux', 'x64');

export const READERS: Reader[] = [
  { name: 'ini (pip.conf)', run: (b) => parseIni(text(b)), seeds: ['[global]\nindex-url = https://x\nbreak-system-packages = true\n  continued\n[install]\nuser=1\n'] },
  { name: 'condarc', run: (b) => parseCondarc(text(b)), seeds: ['envs_dirs:\n  - ~/envs # c\n  - "/opt/x"\nroot_prefix: /opt/conda\n'] },
  { name: 'core metadata', run: (b) => parseCoreMetadata(text(b)), seeds: ['Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: lib>=1; python_version<"3.12"\n\nbody\n'] },
  { name: 'requires.txt', run: (b) => parseRequiresTxt(text(b)), seeds: ['lib>=1\n[extra]\nother\n[:python_version<"3"]\nold\n'] },
  { name: 'direct_url.json', run: (b) => parseDirectUrl(text(b)), seeds: ['{"url":"file:///x","dir_info":{"editable":true}}'] },
  { name: 'dpkg list', run: (b) => parseDpkgList(text(b)), seeds: ['/.\n/usr\n/usr/lib/python3/dist-packages/x/__init__.py\n'] },
  { name: 'dpkg diversions', run: (b) => parseDiversions(text(b)), seeds: ['/usr/lib/python3.11/EXTERNALLY-MANAGED\n/usr/lib/python3.11/EXTERNALLY-MANAGED.orig\npkg\n'] },
  { name: 'entry_points.txt', run: (b) => parseEntryPoints(text(b)), seeds: ['[console_scripts]\ndemo = demo.cli:main [extra]\n[gui_scripts]\ng=g:m\n'] },
  { name: 'EXTERNALLY-MANAGED', run: (b) => parseExternallyManaged(text(b)), seeds: ['[externally-managed]\nError=To install Python packages system-wide, try apt install\n'] },
  { name: 'patchlevel.h', run: (b) => parsePatchlevel(text(b)), seeds: ['#define PY_MAJOR_VERSION 3\n#define PY_VERSION "3.11.2+"\n'] },
  { name: 'build-details.json', run: (b) => parseBuildDetails(text(b)), seeds: ['{"language":{"version":"3.14"},"implementation":{"version":{"major":3}}}'] },
  { name: 'pipx_metadata.json', run: (b) => parsePipxMetadata(text(b), 'demo'), seeds: ['{"main_package":{"package":"demo","package_version":"1.0","apps":["demo"],"app_paths":[{"__Path__":"/x/bin/demo","__type__":"Path"}]},"python_version":"3.11.2","venv_args":[],"injected_packages":{},"pipx_metadata_version":"0.5"}'] },
  { name: 'pyvenv.cfg', run: (b) => parsePyvenvCfg(text(b)), seeds: ['home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n'] },
  { name: 'RECORD', run: (b) => parseRecord(text(b)), seeds: ['demo/__init__.py,sha256=abc,12\n"a,b.py",,\n../../../bin/demo,,\n'] },
  { name: 'uv-receipt.toml', run: (b) => parseUvReceipt(text(b)), seeds: ['[tool]\nrequirements = [{ name = "demo" }]\nentrypoints = [{ name = "demo", install-path = "/x/bin/demo" }]\n'] },
  { name: 'conda history', run: (b) => parseCondaHistory(text(b)), seeds: ['==> 2024-01-01 00:00:00 <==\n# cmd: conda create -n x python\n+defaults::python-3.11.2-h1\n'] },
  { name: 'conda dist string', run: (b) => parseDistString(text(b)), seeds: ['defaults::numpy-1.26.0-py311h_0'] },
  { name: 'environments.txt', run: (b) => parseEnvironmentsTxt(text(b)), seeds: ['/opt/conda\n/home/u/.conda/envs/x///\n'] },
  { name: 'deb control', run: (b) => parseControl(b.toString('latin1'), ['Package', 'Version', 'Source']), mayThrow: (e) => e instanceof Error && /longer than/.test(e.message), seeds: ['Package: python3-x\nVersion: 1.0-1\nSource: x (1.0)\n\nPackage: y\n'] },
  { name: 'deb version compare', run: (b) => compareDebVersions(text(b), `1:${text(b).slice(0, 8)}~1`), seeds: ['1:2.0-1ubuntu1~20.04'] },
  { name: 'lz4', run: (b) => [...lz4Chunks(b, 1 << 22)], mayThrow: (e) => e instanceof Lz4Error, seeds: ['\x04\x22\x4d\x18\x40\x40\xc0\x05\x00\x00\x80hello\x00\x00\x00\x00'] },
  { name: 'PEP 508 requirement', run: (b) => parseRequirement(text(b)), mayThrow: anyError, seeds: ['demo[extra]>=1.0,<2; python_version >= "3.8" and sys_platform == "linux"'] },
  {
    name: 'PEP 508 marker eval',
    run: (b) => {
      let m;
      try {
        m = parseMarker(text(b));
      } catch {
        return null; // parse errors are by contract; evaluation of a parsed marker must not throw
      }
      return evalMarker(m, MENV);
    },
    seeds: ['python_version >= "3.8" and (platform_machine == "x86_64" or extra == "a")', 'python_full_version ~= "1..0"'],
  },
  { name: 'visible (safe text)', run: (b) => visible(text(b)), seeds: ['evil\x1b]0;t\x07\x1b[2J\n\x9b\u202e'] },
  { name: 'trailing slashes', run: (b) => stripTrailingSlashes(text(b)), seeds: ['/a/b///'] },
];

/** A small fast seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRUCTURE = '[]=:#;\n\r\t "\'\\/.-_<>!~=,*@()+{}|&^$%?`\x00\x1b\x7f\x9b\u202e\ufeff\u2028é日';

/** One input for `r`: a mutated seed, random bytes, structure soup, or a long pathological run. */
export function makeInput(r: Reader, rand: () => number, bigRuns = true): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const kind = rand();
  if (kind < 0.15) return Buffer.from(Array.from({ length: Math.floor(rand() * 512) }, () => Math.floor(rand() * 256)));
  if (kind < 0.3) return Buffer.from(Array.from({ length: Math.floor(rand() * 400) }, () => pick([...STRUCTURE, 'a', 'Z', '1', '0'])).join(''));
  let s = pick(r.seeds);
  const ops = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < ops; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = rand();
    if (op < 0.25) s = s.slice(0, at) + s.slice(at + Math.floor(rand() * 8));
    else if (op < 0.5) s = s.slice(0, at) + pick([...STRUCTURE]) + s.slice(at);
    else if (op < 0.7) s = s.slice(0, at) + s.slice(Math.floor(rand() * s.length)) + s.slice(at);
    else if (op < 0.85 && bigRuns) s = s.slice(0, at) + pick([' ', '/', '\n', ' \n', '=', '[', '"', '\t', '#', 'a', '-', '.', '0']).repeat(1 + Math.floor(rand() * 20_000)) + s.slice(at);
    else s = s.slice(0, at) + pick(r.seeds) + s.slice(at);
  }
  return Buffer.from(s, 'utf8');
}

/** Run one input through a reader: null when it behaved, else what went wrong. */
export function check(r: Reader, input: Buffer): string | null {
  try {
    r.run(input);
    return null;
  } catch (e) {
    if (r.mayThrow?.(e)) return null;
    return `${r.name}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}
