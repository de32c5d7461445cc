"""The rule packs ship in the wheel: an installed tonelint finds its built-in rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_lints_with_builtin_rules(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(dist.glob("tonelint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tonelint/rules/en/blame.yaml" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    target = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Sam,\n\nYou failed to pay again.\n\nKim\n", encoding="utf-8")
    # Dependencies come from this environment; tonelint itself only from the wheel.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-B", "-c",
         "import tonelint, sys; sys.argv=['tonelint','--format','json',sys.argv[1]];"
         "print(tonelint.__file__, file=sys.stderr); from tonelint.cli import main; main()",
         str(draft)],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )
    assert str(venv) in result.stderr, result.stderr
    rules = {f["rule"] for f in json.loads(result.stdout)}
    assert "blame.you-failed" in rules
