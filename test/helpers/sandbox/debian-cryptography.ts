// Debian 12's python3-cryptography as dpkg leaves it: a .dist-info AND an .egg-info for one package in
// /usr/lib/python3/dist-packages (byte-exact copies in test/fixtures/debian12-cryptography), its dpkg list
// and status stanza. Call after sb.distroRoot().
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from './sandbox.js';
import { FIXTURES } from './tools.js';

export async function plantDebianCryptography(sb: Sandbox): Promise<void> {
  const src = path.join(FIXTURES, 'debian12-cryptography');
  await fsp.cp(path.join(src, 'usr'), sb.path('/usr'), { recursive: true, force: true });
  await fsp.mkdir(sb.path('/usr/lib/python3/dist-packages/cryptography'), { recursive: true });
  await fsp.writeFile(sb.path('/usr/lib/python3/dist-packages/cryptography/__init__.py'), '# stands for the package\n');
  await fsp.mkdir(sb.path('/var/lib/dpkg/info'), { recursive: true });
  const list = 'python3-cryptography:amd64.list';
  await fsp.copyFile(path.join(src, 'var/lib/dpkg/info', list), sb.path(`/var/lib/dpkg/info/${list}`));
  const stanza = await fsp.readFile(path.join(src, 'var/lib/dpkg/status-stanza'), 'utf8');
  await fsp.appendFile(sb.path('/var/lib/dpkg/status'), `\n${stanza.trimEnd()}\n\n`);
}
