"""Nothing lost: without --fix, no file is written, touched or created.

The corpus is everything the suite ships (examples, rule packs, test drafts and
golden files), copied with their times, plus the odd files of the bad-input
matrix; tonelint runs over it in each of its modes, and every file's bytes,
size, mode and modification and change times must be as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

CORPUS = ("examples", "rules", "tests", "bench")
ODD = {
    "odd/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
    "odd/latin1.txt": "café".encode("latin-1"),
    "odd/utf16.txt": "You failed to pay.\n".encode("utf-16"),
    "odd/empty.txt": b"",
    "odd/crlf.txt": b"Sadly, you failed.\r\nBest,\r\nKim\r\n",
}


def snapshot(root: Path) -> dict[str, tuple[str, int, int, int, int]]:
    """path -> (sha256, size, mode, mtime_ns, ctime_ns) of every file under root."""
    out = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            path = Path(folder) / name
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            out[str(path.relative_to(root))] = (digest, st.st_size, st.st_mode, st.st_mtime_ns, st.st_ctime_ns)
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name in CORPUS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name, data in ODD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / ".tonelint.yaml").write_text("fail-on: never\n", encoding="utf-8")
    return root


RUNS = [
    ["."],
    ["--format", "json", "."],
    ["--isolated", "--select", "blame", "examples", "odd"],
    ["rules"],
    ["explain", "blame.you-failed"],
    ["config"],
]


def test_a_run_writes_nothing(run_cli, corpus: Path) -> None:
    before = snapshot(corpus)
    assert len(before) > 20
    for args in RUNS:
        result = run_cli(*args, cwd=corpus)
        assert "Traceback" not in result.stderr, args
        assert result.returncode in (0, 1, 2), args
    drafts = run_cli("--format", "json", "examples", cwd=corpus)
    assert drafts.returncode == 0 and drafts.stdout.startswith("[")
    assert snapshot(corpus) == before


def test_stdin_writes_nothing(run_cli, corpus: Path) -> None:
    before = snapshot(corpus)
    run_cli("-", "--stdin-filename", "examples/draft.txt", input=(corpus / "examples/draft.txt").read_bytes(),
            cwd=corpus)
    assert snapshot(corpus) == before
