#!/usr/bin/env python3
"""Rewrite a real pipx venv's pipx_metadata.json as pipx <writer> writes metadata version X.

Each version's fields come from pypa/pipx src/pipx/pipx_metadata_file.py at the commit that introduced it
(PackageInfo is dumped whole with asdict()/_asdict(); to_dict() lists the top-level keys); every writer
uses json.dump(indent=4, sort_keys=True, cls=JsonEncoderHandlesPath), which turns a Path into
{"__type__": "Path", "__Path__": "..."}.

  0.1  201ae5a5 (pipx 0.15.0)   0.2  8f2d0aff (0.15.6) suffix   0.3  44e538de (1.3.0) man pages
  0.4  1e5d03ba (1.5.0) source_interpreter   0.5  543af218 (1.6.0) pinned   0.6  c9b6c65d (1.12.0) backend
  0.7  041bdef0 exposure_enabled   0.8  544b396d expected_apps   0.9  063aa537 lock_file
  0.10 ad245bcc include_apps_from, top-level environment   0.11 2a20279a cooldown_days
  0.12 70f1a6b2 completions (HEAD later renames include_apps_from -> include_resources_from, same version)

Usage: pipx_metadata.py <venv_dir> <version> [--suffix S] [--from ORIG_VENV]
(reads the 0.2 file real pipx 1.1.0 wrote; --from: the venv it was copied from, whose paths are rewritten)
"""
import json
import sys
from pathlib import Path


class JsonEncoderHandlesPath(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Path):
            return {"__type__": "Path", "__Path__": str(o)}
        return super().default(o)


def _hook(d):
    if d.get("__type__") == "Path" and "__Path__" in d:
        return Path(d["__Path__"])
    return d


def minor(version: str) -> int:
    return int(version.split(".")[1])


def package_info(src: dict, version: str, suffix: str) -> dict:
    v = minor(version)
    out = {k: src[k] for k in (
        "package", "package_or_url", "pip_args", "include_dependencies", "include_apps", "apps", "app_paths",
        "apps_of_dependencies", "app_paths_of_dependencies", "package_version")}
    if v >= 2:
        out["suffix"] = suffix
    if v >= 3:
        out.update(man_pages=[], man_paths=[], man_pages_of_dependencies=[], man_paths_of_dependencies={})
    if v >= 5:
        out["pinned"] = False
    if v >= 8:
        out["expected_apps"] = []
    if v >= 9:
        out["lock_file"] = None
    if v >= 10:
        out["include_apps_from"] = []
    if v >= 11:
        out["cooldown_days"] = None
    if v >= 12:
        out.update(completions=[], completion_paths=[], completions_of_dependencies=[],
                   completion_paths_of_dependencies={})
    return out


def convert(src: dict, version: str, suffix: str, source_interpreter: str) -> dict:
    v = minor(version)
    doc = {
        "main_package": package_info(src["main_package"], version, suffix),
        "python_version": src["python_version"],
        "venv_args": src["venv_args"],
        "injected_packages": {k: package_info(p, version, p.get("suffix", "")) for k, p in
                              src["injected_packages"].items()},
        "pipx_metadata_version": version,
    }
    if v >= 4:
        doc["source_interpreter"] = Path(source_interpreter)
    if v >= 6:
        doc["backend"] = "pip"
    if v >= 7:
        doc["exposure_enabled"] = True
    if v >= 10:
        doc["environment"] = None
    return doc


def main() -> None:
    venv = Path(sys.argv[1])
    version = sys.argv[2]
    suffix = sys.argv[sys.argv.index("--suffix") + 1] if "--suffix" in sys.argv else ""
    path = venv / "pipx_metadata.json"
    text = path.read_text(encoding="utf-8")
    if "--from" in sys.argv:
        orig = sys.argv[sys.argv.index("--from") + 1].rstrip("/")
        text = text.replace(json.dumps(orig)[1:-1] + "/", json.dumps(str(venv))[1:-1] + "/")
    src = json.loads(text, object_hook=_hook)
    doc = convert(src, version, suffix, "/usr/bin/python3")
    with path.open("w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=4, sort_keys=True, cls=JsonEncoderHandlesPath)


if __name__ == "__main__":
    main()
