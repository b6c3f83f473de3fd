#!/usr/bin/env python3
"""Build small, real wheels for pyenvtui's tests, offline and without a build backend.

The wheels follow the binary distribution format (PEP 427/491): METADATA 2.1, WHEEL,
entry_points.txt and a RECORD with sha256 hashes, so real pip and real pipx install them
exactly like wheels from PyPI. Zip timestamps are fixed, so a wheel's bytes (and hashes)
are the same on every run and on every machine.

Usage:
    make_wheel.py --out DIR                  build the standard demo set
    make_wheel.py --out DIR --spec FILE      build the wheels described in FILE (JSON list)

A spec is {"name", "version", "summary"?, "requires"?: [PEP 508 strings],
"extras"?: {extra: [reqs]}, "console_scripts"?: {cmd: "module:func"},
"files": {"path/in/wheel.py": "text"}, "tag"?: "py3-none-any"}.
Only the standard library is used (zipfile, hashlib, base64, json).
"""
import argparse
import base64
import hashlib
import json
import os
import re
import sys
import zipfile

# A fixed date keeps the archive bytes reproducible (zip cannot store dates before 1980).
FIXED_DATE = (2024, 1, 1, 0, 0, 0)


def normalize_dist(name):
    """Wheel file-name escaping of a project name (PEP 427 / binary distribution format)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def metadata_text(spec):
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + spec["name"],
        "Version: " + spec["version"],
        "Summary: " + spec.get("summary", spec["name"] + " (pyenvtui test package)"),
        "Author: pyenvtui tests",
        "License: MIT",
        "Requires-Python: >=3.7",
    ]
    for req in spec.get("requires", []):
        lines.append("Requires-Dist: " + req)
    for extra, reqs in spec.get("extras", {}).items():
        lines.append("Provides-Extra: " + extra)
        for req in reqs:
            lines.append('Requires-Dist: %s ; extra == "%s"' % (req, extra))
    return "\n".join(lines) + "\n\n" + spec.get("description", spec["name"] + "\n")


def entry_points_text(spec):
    scripts = spec.get("console_scripts", {})
    if not scripts:
        return None
    body = "".join("%s = %s\n" % (k, v) for k, v in scripts.items())
    return "[console_scripts]\n" + body + "\n"


def build_wheel(spec, out_dir):
    dist = normalize_dist(spec["name"])
    version = spec["version"]
    tag = spec.get("tag", "py3-none-any")
    info = "%s-%s.dist-info" % (dist, version)
    wheel_name = "%s-%s-%s.whl" % (dist, version, tag)

    members = [(p, t.encode("utf-8")) for p, t in sorted(spec.get("files", {}).items())]
    members.append((info + "/METADATA", metadata_text(spec).encode("utf-8")))
    wheel_meta = "Wheel-Version: 1.0\nGenerator: pyenvtui-make-wheel (1.0)\nRoot-Is-Purelib: true\n"
    for t in expand_tags(tag):
        wheel_meta += "Tag: %s\n" % t
    members.append((info + "/WHEEL", wheel_meta.encode("utf-8")))
    eps = entry_points_text(spec)
    if eps is not None:
        members.append((info + "/entry_points.txt", eps.encode("utf-8")))
    top = sorted({p.split("/")[0].split(".py")[0] for p in spec.get("files", {})})
    members.append((info + "/top_level.txt", ("\n".join(top) + "\n").encode("utf-8")))

    record = "".join("%s,%s,%d\n" % (p, record_hash(d), len(d)) for p, d in members)
    record += info + "/RECORD,,\n"
    members.append((info + "/RECORD", record.encode("utf-8")))

    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, wheel_name)
    tmp = target + ".part"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path, data in members:
            zi = zipfile.ZipInfo(path, date_time=FIXED_DATE)
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, data)
    # Rename last so a concurrent reader never sees half a wheel.
    os.replace(tmp, target)
    return target


def expand_tags(tag):
    """py2.py3-none-any -> [py2-none-any, py3-none-any] (compressed tag sets, PEP 425)."""
    py, abi, plat = tag.split("-")
    return ["%s-%s-%s" % (p, a, pl) for p in py.split(".") for a in abi.split(".") for pl in plat.split(".")]


CLI_SOURCE = '''"""pyenvtui-demo-cli: a tiny command line tool used by pyenvtui's tests."""
import sys

import pyenvtui_demo_lib

__version__ = "%(version)s"


def _run(prog, argv):
    if "--version" in argv:
        print("%%s %%s (pyenvtui-demo-lib %%s)" %% (prog, __version__, pyenvtui_demo_lib.__version__))
        return 0
    print(pyenvtui_demo_lib.greet(prog))
    return 0


def main():
    sys.exit(_run("pyenvtui-demo-cli", sys.argv[1:]))


def admin():
    sys.exit(_run("pyenvtui-demo-cli-admin", sys.argv[1:]))
'''

TOOL_SOURCE = '''"""pyenvtui-demo-tool: a standalone command line tool used by pyenvtui's tests."""
import sys

__version__ = "%(version)s"


def main():
    if "--version" in sys.argv[1:]:
        print("pyenvtui-demo-tool %%s" %% __version__)
        sys.exit(0)
    print("demo-tool says hello")
    sys.exit(0)
'''

LIB_SOURCE = '''"""pyenvtui-demo-lib: a tiny library used by pyenvtui's tests."""
__version__ = "%(version)s"


def greet(name):
    return "hello from %%s (pyenvtui-demo-lib %%s)" %% (name, __version__)
'''

EXTRA_SOURCE = '''"""pyenvtui-demo-extra: the [fancy] extra of pyenvtui-demo-cli."""
__version__ = "%(version)s"


def sparkle(text):
    return "*" + text + "*"
'''


def standard_specs():
    def lib(version):
        return {
            "name": "pyenvtui-demo-lib",
            "version": version,
            "summary": "Demo library for pyenvtui tests",
            "files": {"pyenvtui_demo_lib/__init__.py": LIB_SOURCE % {"version": version}},
        }

    specs = [
        {
            "name": "pyenvtui-demo-cli",
            "version": "1.2.0",
            "summary": "Demo command line tool for pyenvtui tests",
            "requires": ["pyenvtui-demo-lib>=0.3"],
            "extras": {"fancy": ["pyenvtui-demo-extra>=1.0"]},
            "console_scripts": {
                "demo-cli": "pyenvtui_demo_cli:main",
                "demo-cli-admin": "pyenvtui_demo_cli:admin",
            },
            "files": {"pyenvtui_demo_cli/__init__.py": CLI_SOURCE % {"version": "1.2.0"}},
        },
        lib("0.3.1"),
        lib("0.2.0"),
        lib("0.1.0"),
        {
            "name": "pyenvtui-demo-tool",
            "version": "2.0.0",
            "summary": "Standalone demo tool for pyenvtui tests",
            "console_scripts": {"demo-tool": "pyenvtui_demo_tool:main"},
            "files": {"pyenvtui_demo_tool/__init__.py": TOOL_SOURCE % {"version": "2.0.0"}},
        },
        {
            "name": "pyenvtui-demo-extra",
            "version": "1.0.0",
            "summary": "Optional extra for pyenvtui-demo-cli",
            "files": {"pyenvtui_demo_extra/__init__.py": EXTRA_SOURCE % {"version": "1.0.0"}},
        },
    ]
    six = six_spec()
    if six is not None:
        specs.append(six)
    return specs


def six_spec():
    """six rebuilt from Debian's own six.py (kept in test/fixtures, so a fresh CI machine without
    python3-six has it too), so a pip copy can shadow apt's python3-six offline."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [
        os.path.join(here, "..", "..", "fixtures", "debian12", "usr", "lib", "python3", "dist-packages", "six.py"),
        "/usr/lib/python3/dist-packages/six.py",
    ]
    src = next((c for c in candidates if os.path.isfile(c)), None)
    if src is None:
        return None
    with open(src, "r", encoding="utf-8") as fh:
        text = fh.read()
    m = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    return {
        "name": "six",
        "version": m.group(1) if m else "1.16.0",
        "summary": "Python 2 and 3 compatibility utilities",
        "tag": "py2.py3-none-any",
        "files": {"six.py": text},
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--spec", help="JSON file with a list of wheel specs")
    args = ap.parse_args(argv)
    if args.spec:
        with open(args.spec, "r", encoding="utf-8") as fh:
            specs = json.load(fh)
    else:
        specs = standard_specs()
    for spec in specs:
        print(build_wheel(spec, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
