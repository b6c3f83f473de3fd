import { describe, expect, it } from 'vitest';
import {
  parseCondaHistory,
  parseCondaMetaFileName,
  parseDistString,
  parseEnvironmentsTxt,
  pythonVersionFromMetaFiles,
} from '../../../src/formats/conda-meta.js';
import { condarcSearchPath, expandCondaPath, parseCondarc } from '../../../src/formats/condarc.js';

// As conda writes it (conda/history.py: removals of a transaction first, then additions).
const HISTORY = `==> 2023-03-22 10:00:00 <==
# cmd: /home/u/anaconda3/bin/conda create -n py python=3.11
# conda version: 23.1.0
+defaults/linux-64::python-3.11.5-h955ad1f_0
+defaults/linux-64::ca-certificates-2023.01.10-h06a4308_0
+defaults/noarch::tzdata-2023c-h04d1e81_0
# update specs: ["python=3.11"]

==> 2024-01-05 09:00:00 <==
# cmd: /home/u/anaconda3/bin/conda install python=3.12
# conda version: 23.11.0
-defaults/linux-64::python-3.11.5-h955ad1f_0
+conda-forge/linux-64::python-3.12.2-hab00c5b_0_cpython
+conda-forge/noarch::python_abi-3.12-4_cp312
`;

describe('parseCondaHistory', () => {
  it('replays transactions: the upgraded python wins', () => {
    const h = parseCondaHistory(HISTORY);
    expect(h.pythonVersion).toBe('3.12.2');
    expect(h.pythonLine).toBe(13);
    expect(h.condaVersion).toBe('23.11.0');
    expect(h.commands).toHaveLength(2);
    expect(h.installed.get('python_abi')?.version).toBe('3.12');
    expect(h.installed.get('ca-certificates')).toMatchObject({ version: '2023.01.10', channel: 'defaults/linux-64' });
    expect(h.badLines).toEqual([]);
  });

  it('respects removal: a python removed later is gone', () => {
    const h = parseCondaHistory(`${HISTORY}==> 2024-02-01 <==\n-conda-forge/linux-64::python-3.12.2-hab00c5b_0_cpython\n`);
    expect(h.pythonVersion).toBeNull();
    expect(h.pythonLine).toBeNull();
  });

  it('reads the pre-4.4 format without channels', () => {
    const h = parseCondaHistory('==> 2017-01-01 <==\n+python-2.7.13-0\n+openssl-1.0.2k-1\n');
    expect(h.pythonVersion).toBe('2.7.13');
    expect(h.installed.get('openssl')?.channel).toBeNull();
  });

  it('does not confuse python_abi or python-dateutil with python', () => {
    const h = parseCondaHistory('+defaults::python-dateutil-2.8.2-pyhd3eb1b0_0\n+conda-forge::python_abi-3.12-4_cp312\n');
    expect(h.pythonVersion).toBeNull();
    expect(h.installed.get('python-dateutil')?.version).toBe('2.8.2');
  });

  it('records unreadable lines and never throws', () => {
    const h = parseCondaHistory('garbage\n+\n+nodash\n-x-1\n\u0000\u00ff\n+defaults::python-3.9.1-h1');
    expect(h.badLines).toEqual([1, 2, 3, 4, 5]);
    expect(h.pythonVersion).toBe('3.9.1');
    let seed = 3;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 300; i++) {
      const c = HISTORY.split('');
      for (let k = 0; k < 1 + rnd(6); k++) c[rnd(c.length)] = String.fromCharCode(rnd(256));
      expect(() => parseCondaHistory(c.join(''))).not.toThrow();
    }
  });
});

describe('conda-meta file names', () => {
  it('splits name-version-build', () => {
    expect(parseDistString('ld_impl_linux-64-2.40-h12ee557_0')).toEqual({ name: 'ld_impl_linux-64', version: '2.40', build: 'h12ee557_0' });
    expect(parseCondaMetaFileName('python-3.10.9-hc0d8a6c_1.json')).toEqual({ name: 'python', version: '3.10.9', build: 'hc0d8a6c_1' });
    expect(parseCondaMetaFileName('history')).toBeNull();
    expect(parseCondaMetaFileName('python.json')).toBeNull();
  });
  it('finds the python record, highest version when several remain', () => {
    expect(pythonVersionFromMetaFiles(['history', 'pip-23.0-py310.json', 'python-3.10.9-hc0d8a6c_1.json'])).toEqual({
      version: '3.10.9', file: 'python-3.10.9-hc0d8a6c_1.json',
    });
    expect(pythonVersionFromMetaFiles(['python-3.9.18-x.json', 'python-3.10.1-y.json'])?.version).toBe('3.10.1');
    expect(pythonVersionFromMetaFiles(['python_abi-3.12-4_cp312.json', 'python-dateutil-2.8.2-py.json'])).toBeNull();
  });
});

describe('environments.txt', () => {
  it('keeps absolute prefixes once, drops blanks, comments and relative lines', () => {
    expect(parseEnvironmentsTxt('/a/miniconda3\n\n/a/miniconda3/envs/x/\n# c\nrel/path\n/a/miniconda3\r\n')).toEqual([
      '/a/miniconda3', '/a/miniconda3/envs/x',
    ]);
  });
});

describe('parseCondarc', () => {
  it('reads a block list of envs_dirs with comments and quotes', () => {
    const rc = parseCondarc(`channels:\n  - conda-forge\n# comment\nenvs_dirs:\n  - ~/my-envs   # mine\n  - "/opt/shared envs"\n  - '$HOME/x'\npkgs_dirs:\n  - /p\n`);
    expect(rc.envsDirs).toEqual(['~/my-envs', '/opt/shared envs', '$HOME/x']);
    expect(rc.lines).toEqual([5, 6, 7]);
  });
  it('reads flow lists, unindented items, envs_path and root_prefix', () => {
    expect(parseCondarc('envs_dirs: [/a, "/b", \'/c\']').envsDirs).toEqual(['/a', '/b', '/c']);
    expect(parseCondarc('envs_path:\n- /a\n- /b\nchannels: [x]\n- /not').envsDirs).toEqual(['/a', '/b']);
    expect(parseCondarc('root_prefix: /opt/mm\n').rootPrefix).toBe('/opt/mm');
  });
  it('never throws on junk', () => {
    for (const junk of ['', ':', '- - -', 'envs_dirs: [', 'envs_dirs:\n  -', '\u0000', '{a: b}', 'envs_dirs: &a [*a]']) {
      expect(() => parseCondarc(junk)).not.toThrow();
    }
  });
  it('expands ~ and variables, rejects relative results', () => {
    expect(expandCondaPath('~/envs/', '/home/u', {})).toBe('/home/u/envs');
    expect(expandCondaPath('${X}/e', '/home/u', { X: '/data' })).toBe('/data/e');
    expect(expandCondaPath('$NOPE/e', '/home/u', {})).toBeNull();
    expect(expandCondaPath('rel', '/home/u', {})).toBeNull();
  });
  it('searches the places conda reads, ending with $CONDARC', () => {
    const s = condarcSearchPath('/home/u', { CONDARC: '/x/rc' }, ['/home/u/miniconda3']);
    expect(s).toContain('/etc/conda/.condarc');
    expect(s).toContain('/home/u/miniconda3/.condarc');
    expect(s).toContain('/home/u/.config/conda/.condarc');
    expect(s).toContain('/home/u/.condarc');
    expect(s.at(-1)).toBe('/x/rc');
  });
});
