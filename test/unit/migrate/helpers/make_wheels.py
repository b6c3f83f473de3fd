# Builds the small real wheels the migration tests install with real pip and pipx (stdlib only).
import base64, hashlib, os, sys, zipfile

def rec(data):
    return 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode(), len(data)

def wheel(out, name, ver, files, meta_extra='', ep=''):
    dist = name.replace('-', '_')
    di = f'{dist}-{ver}.dist-info'
    files = dict(files)
    files[f'{di}/METADATA'] = f'Metadata-Version: 2.1\nName: {name}\nVersion: {ver}\n{meta_extra}'
    files[f'{di}/WHEEL'] = 'Wheel-Version: 1.0\nGenerator: m6\nRoot-Is-Purelib: true\nTag: py3-none-any\n'
    if ep:
        files[f'{di}/entry_points.txt'] = ep
    with zipfile.ZipFile(os.path.join(out, f'{dist}-{ver}-py3-none-any.whl'), 'w') as z:
        lines = []
        for k, v in files.items():
            b = v.encode()
            z.writestr(zipfile.ZipInfo(k, (2024, 1, 1, 0, 0, 0)), b)
            h, n = rec(b)
            lines.append(f'{k},{h},{n}')
        lines.append(f'{di}/RECORD,,')
        z.writestr(zipfile.ZipInfo(f'{di}/RECORD', (2024, 1, 1, 0, 0, 0)), '\n'.join(lines) + '\n')

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
wheel(out, 'm6-lib', '1.0', {'m6_lib/__init__.py': 'def hello():\n    return "hello from m6-lib"\n'})
wheel(out, 'm6-lib2', '0.5', {'m6_lib2/__init__.py': 'VALUE = 42\n'})
wheel(out, 'm6-cli', '2.0', {'m6_cli/__init__.py': (
    'import sys\nfrom m6_lib import hello\n'
    'def main():\n    if "--version" in sys.argv:\n        print("m6-cli 2.0")\n        return 0\n    print(hello())\n    return 0\n')},
    'Requires-Dist: m6-lib\n', '[console_scripts]\nm6-cli = m6_cli:main\n')
