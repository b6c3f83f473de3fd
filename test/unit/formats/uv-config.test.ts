// uv's break-system-packages and index settings from uv.toml, pyproject.toml and UV_* variables.
import { describe, expect, it } from 'vitest';
import { resolveUvConfig, uvBool, uvConfigFiles } from '../../../src/formats/uv-config.js';

describe('uvConfigFiles', () => {
  it('lists system, user and project files in precedence order', () => {
    const f = uvConfigFiles({ platform: 'linux', env: {}, home: '/home/u', projectDirs: ['/p'] });
    expect(f.map((x) => `${x.layer}:${x.path}`)).toEqual(['system:/etc/xdg/uv/uv.toml', 'system:/etc/uv/uv.toml', 'user:/home/u/.config/uv/uv.toml', 'project:/p/pyproject.toml', 'project:/p/uv.toml']);
  });
  it('UV_CONFIG_FILE replaces discovery; UV_NO_CONFIG disables it', () => {
    expect(uvConfigFiles({ platform: 'linux', env: { UV_CONFIG_FILE: '/c.toml' }, home: '/h' })).toEqual([{ path: '/c.toml', layer: 'env-file' }]);
    expect(uvConfigFiles({ platform: 'linux', env: { UV_NO_CONFIG: '1' }, home: '/h' })).toEqual([]);
  });
});

describe('resolveUvConfig', () => {
  const user = (text: string) => ({ path: '/h/.config/uv/uv.toml', layer: 'user' as const, text });
  it('finds [pip] break-system-packages with its line', () => {
    const c = resolveUvConfig([user('index-url = "https://a"\n\n[pip]\nbreak-system-packages = true\n')], {});
    expect(c.breakSystemPackages.value).toBe(true);
    expect(c.breakSystemPackages.winner).toMatchObject({ path: '/h/.config/uv/uv.toml', line: 4 });
    expect(c.indexUrls.map((s) => s.key)).toEqual(['index-url']);
  });
  it('the variable beats the file; false words count', () => {
    const c = resolveUvConfig([user('[pip]\nbreak-system-packages = true\n')], { UV_BREAK_SYSTEM_PACKAGES: 'off' });
    expect(c.breakSystemPackages.value).toBe(false);
    expect(c.breakSystemPackages.places).toHaveLength(2);
  });
  it('project beats user, only the first system file counts, pyproject needs [tool.uv]', () => {
    const c = resolveUvConfig(
      [
        { path: '/etc/xdg/uv/uv.toml', layer: 'system', text: '[pip]\nbreak-system-packages = true\n' },
        { path: '/etc/uv/uv.toml', layer: 'system', text: '[pip]\nbreak-system-packages = false\n' },
        { path: '/p/pyproject.toml', layer: 'project', pyproject: true, text: '[tool.uv.pip]\nbreak-system-packages = false\n' },
      ],
      {},
    );
    expect(c.breakSystemPackages.winner?.path).toBe('/p/pyproject.toml');
    expect(c.breakSystemPackages.places.map((p) => p.path)).toEqual(['/etc/xdg/uv/uv.toml', '/p/pyproject.toml']);
  });
  it('reports invalid TOML instead of throwing', () => {
    const c = resolveUvConfig([user('[pip\nbroken')], {});
    expect(c.errors[0]?.message).toMatch(/invalid TOML/);
    expect(c.breakSystemPackages.value).toBe(false);
  });
  it('uvBool follows clap boolish words', () => {
    expect(['1', 'yes', 'On', 'T'].map(uvBool)).toEqual([true, true, true, true]);
    expect(uvBool('maybe')).toBeNull();
  });
});
