import { describe, expect, it } from 'vitest';
import { identifyFamily, prettyName } from '../../../src/platform/identify.js';
import { idLike, parseOsRelease } from '../../../src/platform/os-release.js';
import { osRelease } from '../../helpers/root-builder.js';

describe('parseOsRelease', () => {
  it('reads the real Debian 12 file', () => {
    const rel = parseOsRelease(osRelease('debian-12'));
    expect(rel.ID).toBe('debian');
    expect(rel.VERSION_ID).toBe('12');
    expect(rel.PRETTY_NAME).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(rel.VERSION_CODENAME).toBe('bookworm');
  });

  it('strips quotes, skips comments, and keeps empty values (openSUSE, Fedora)', () => {
    const suse = parseOsRelease(osRelease('opensuse-tumbleweed'));
    expect(suse.ID).toBe('opensuse-tumbleweed');
    expect(idLike(suse)).toEqual(['opensuse', 'suse']);
    expect(suse.VERSION).toBeUndefined(); // "# VERSION=..." is a comment
    const fedora = parseOsRelease(osRelease('fedora-41'));
    expect(fedora.VERSION_CODENAME).toBe('');
    expect(fedora.VARIANT).toBe('Server Edition');
  });

  it('unescapes double-quoted values and keeps single-quoted ones literal', () => {
    const rel = parseOsRelease('A="say \\"hi\\" \\$HOME"\nB=\'x\\y\'\nC=plain\n');
    expect(rel.A).toBe('say "hi" $HOME');
    expect(rel.B).toBe('x\\y');
    expect(rel.C).toBe('plain');
  });

  it('ignores garbage lines, CRLF and non-UTF-8 bytes without throwing', () => {
    const rel = parseOsRelease('garbage line\r\n=novalue\r\nID=weird\r\nNAME="\uFFFD\uFFFD"\r\n');
    expect(rel.ID).toBe('weird');
    expect(Object.keys(rel)).toEqual(['ID', 'NAME']);
  });
});

describe('identifyFamily', () => {
  it.each([
    ['debian-12', 'debian'],
    ['ubuntu-24.04', 'debian'],
    ['raspbian-11', 'debian'],
    ['fedora-41', 'fedora'],
    ['arch', 'arch'],
    ['opensuse-tumbleweed', 'suse'],
    ['alpine-3.19', 'alpine'],
  ])('%s is %s', (fixture, family) => {
    expect(identifyFamily(parseOsRelease(osRelease(fixture)))).toBe(family);
  });

  it('falls back on ID_LIKE for derivatives and says unknown otherwise', () => {
    expect(identifyFamily(parseOsRelease('ID="rocky"\nID_LIKE="rhel centos fedora"\n'))).toBe('fedora');
    expect(identifyFamily(parseOsRelease('ID=endeavouros\nID_LIKE=arch\n'))).toBe('arch');
    expect(identifyFamily(parseOsRelease('ID=opensuse-leap\n'))).toBe('suse');
    expect(identifyFamily(parseOsRelease('ID=void\n'))).toBe('unknown');
    expect(identifyFamily({})).toBe('unknown');
  });

  it('builds a name when PRETTY_NAME is missing', () => {
    expect(prettyName({ NAME: 'Void', VERSION_ID: '1' })).toBe('Void 1');
    expect(prettyName(parseOsRelease(osRelease('arch')))).toBe('Arch Linux');
  });
});
