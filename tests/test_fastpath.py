"""The hand-parsed entry point behaves exactly as the click command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tonelint import fastpath

DRAFT = ("Dear Sam,\n\nYou failed to send the files, so we will terminate the contract. "
         "NO EXCEPTIONS!!\n\nRegards,\nAna\n")


def run(args: list[str], cwd: Path, click: bool, stdin: bytes = b"") -> tuple[int, str, str]:
    entry = "from tonelint.cli import main" if click else "from tonelint.fastpath import main"
    proc = subprocess.run([sys.executable, "-c", f"{entry}; main()", *args], cwd=cwd, input=stdin,
                          capture_output=True)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "b.txt").write_text("Thank you. We end the work because the budget ended.\n")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9")
    (tmp_path / "pack" / "en").mkdir(parents=True)
    (tmp_path / "pack" / "en" / "x.yaml").write_text("rules: 3\n")
    return tmp_path


CASES = [
    ["a.txt"],
    ["a.txt", "drafts", "missing.txt"],
    ["--format", "json", "a.txt", "bad.txt"],
    ["--format=sarif", "-v", "a.txt"],
    ["--select", "blame,unfriendly", "--ignore=TL101", "a.txt"],
    ["--min-severity", "warning", "--fail-on", "never", "a.txt"],
    ["--color", "always", "a.txt"],
    ["--isolated", "--lang", "en", "-j", "2", "drafts", "a.txt"],
    ["--diff", "a.txt"],
    ["--rules", "pack", "a.txt"],
    ["--format", "nope", "a.txt"],
    ["--stdin-filename", "mail.txt", "-"],
    ["--jobs", "0", "a.txt"],
    ["--fail-on", "sometimes", "a.txt"],
    ["--lang"],
    ["--unknown", "a.txt"],
    ["rules"],
    [],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a) or "no-args")
def test_same_output_and_exit_code_as_click(folder: Path, args: list[str]) -> None:
    stdin = DRAFT.encode()
    assert run(args, folder, click=False, stdin=stdin) == run(args, folder, click=True, stdin=stdin)


@pytest.mark.parametrize("args", [["rules"], ["explain", "x"], ["--help"], ["-vj2", "a.txt"], ["--", "a.txt"],
                                  ["--jobs", "x", "a.txt"], ["--verbose=1", "a.txt"], ["templates"]])
def test_what_it_does_not_know_goes_to_click(args: list[str]) -> None:
    assert fastpath.parse(args) is None


def test_options_come_out_as_click_passes_them() -> None:
    parsed = fastpath.parse(["a.txt", "--select", "x", "--select=y", "-j", "3", "--config", "c.yaml", "-"])
    assert parsed is not None
    assert parsed["paths"] == ("a.txt", "-")
    assert parsed["select"] == ("x", "y") and parsed["ignore"] == ()
    assert parsed["jobs"] == 3 and parsed["config_file"] == Path("c.yaml")
    assert parsed["verbose"] is False and parsed["lang"] is None
