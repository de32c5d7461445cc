"""The prose linters tonelint is measured against, installed into one folder.

proselint comes from PyPI into its own venv; write-good, alex and textlint with
its write-good rule from npm. Versions are pinned to the ones the issue names,
so a rerun measures the same programs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PYPI = ["proselint==0.16.*"]
NPM = ["write-good@1.0.8", "alex@11", "textlint@15", "textlint-rule-write-good@2"]


def install(folder: Path) -> None:
    """Install every peer into ``folder`` (skipped for what is already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    venv = folder / "venv"
    if not (venv / "bin" / "proselint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *PYPI], check=True)
    if not all((folder / "node_modules" / ".bin" / b).exists() for b in ("write-good", "alex", "textlint")):
        if shutil.which("npm") is None:
            raise SystemExit("bench: --peers needs npm (Node.js) on PATH")
        (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", *NPM],
                       cwd=folder, check=True)


def commands(folder: Path) -> dict[str, list[str]]:
    """Tool name -> command line; the files to lint are appended."""
    bin_ = folder / "node_modules" / ".bin"
    return {
        "proselint": [str(folder / "venv" / "bin" / "proselint"), "check"],
        "write-good": [str(bin_ / "write-good")],
        "alex": [str(bin_ / "alex"), "--quiet"],
        "textlint": [str(bin_ / "textlint"), "--no-textlintrc", "--rule", "write-good"],
    }


def versions(folder: Path) -> dict[str, str]:
    out = {}
    pip = subprocess.run([str(folder / "venv" / "bin" / "pip"), "show", "proselint"],
                         capture_output=True, text=True)
    out["proselint"] = next((ln.split()[-1] for ln in pip.stdout.splitlines() if ln.startswith("Version")), "?")
    for name in ("write-good", "alex", "textlint", "textlint-rule-write-good"):
        pkg = folder / "node_modules" / name / "package.json"
        if pkg.exists():
            import json

            out[name] = json.loads(pkg.read_text(encoding="utf-8")).get("version", "?")
    return out
