"""The bad-input matrix: whatever a repository or an editor throws at tonelint.

Each row is one case run through the real CLI beside a good draft: the exit
code, the one line on stderr (never a traceback), and, for a problem with one
file, the good draft still linted in the same run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import offline_env
from test_packs import GOOD as PACK

from tonelint.exitcode import ExitCode

GOOD = "Hi Sam,\n\nYou failed to pay the invoice.\n\nKim\n"
GOOD_LINE = "good.txt:3:1: TL101 [blame.you-failed]"



@dataclass
class Case:
    """``files`` are written under tmp_path (bytes as they are); ``args`` follow
    ``tonelint``; ``error`` is a regex for the one stderr line (None: no line)."""

    name: str
    files: dict[str, bytes | str]
    args: list[str]
    code: int
    error: str | None
    good_linted: bool = True  # the good draft in the same run still gets its findings
    setup: Callable[[Path], None] | None = field(default=None, repr=False)


def _pack(text: str) -> dict[str, bytes | str]:
    return {"pack/en/team.yaml": text, "good.txt": GOOD}


def _dangling(tmp: Path) -> None:
    """A draft listed by the folder walk but gone when it is read."""
    (tmp / "drafts").mkdir(exist_ok=True)
    os.symlink(tmp / "deleted.txt", tmp / "drafts" / "gone.txt")


def _fifo(tmp: Path) -> None:
    (tmp / "drafts").mkdir(exist_ok=True)
    os.mkfifo(tmp / "drafts" / "pipe.txt")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))

CASES = [
    Case("missing path", {"good.txt": GOOD}, ["missing.txt", "good.txt"], 2,
         r"missing\.txt: no such file or folder"),
    Case("folder with no drafts", {"empty-dir/photo.png": PNG, "good.txt": GOOD},
         ["empty-dir", "good.txt"], 2, r"empty-dir: no drafts in this folder \(looked for: .*\.txt"),
    Case("empty file", {"empty.txt": b"", "good.txt": GOOD}, ["empty.txt", "good.txt"], 1, None),
    Case("empty file alone", {"empty.txt": b""}, ["empty.txt"], 0, None, good_linted=False),
    Case("NUL bytes", {"nul.txt": b"Hello\x00\x00world", "good.txt": GOOD},
         ["nul.txt", "good.txt"], 2, r"nul\.txt: binary file \(NUL bytes\), not a draft"),
    Case("an image named .txt", {"photo.txt": PNG, "good.txt": GOOD},
         ["photo.txt", "good.txt"], 2, r"photo\.txt: binary file"),
    Case("broken UTF-8", {"latin1.txt": "Hi,\nmerci, café\n".encode("latin-1"), "good.txt": GOOD},
         ["latin1.txt", "good.txt"], 2, r"latin1\.txt:2: not UTF-8 \(byte 0xe9\); save the draft as UTF-8"),
    Case("UTF-16 with BOM is decoded", {"good.txt": GOOD.encode("utf-16")}, ["good.txt"], 1, None),
    Case("UTF-16 BE with BOM is decoded", {"good.txt": b"\xfe\xff" + GOOD.encode("utf-16-be")},
         ["good.txt"], 1, None),
    Case("UTF-16 cut in half", {"half.txt": b"\xff\xfeH\x00i", "good.txt": GOOD},
         ["half.txt", "good.txt"], 2, r"half\.txt: broken UTF-16"),
    Case("UTF-8 with BOM and CRLF", {"good.txt": b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()},
         ["good.txt"], 1, None),
    Case("file deleted between discovery and reading", {"drafts/good.txt": GOOD},
         ["drafts"], 2, r"drafts/gone\.txt: no such file", good_linted=False, setup=_dangling),
    Case("a FIFO in a folder is skipped, not opened", {"drafts/good.txt": GOOD}, ["drafts"], 1, None,
         good_linted=False, setup=_fifo),
    Case("a folder named as a file", {"good.txt": GOOD, "sub.txt/x.png": PNG}, ["sub.txt", "good.txt"],
         2, r"sub\.txt: no drafts in this folder"),
    Case("mail body in an unknown charset",
         {"k.eml": "Subject: x\nContent-Type: text/plain; charset=klingon\n\nHello.\n", "good.txt": GOOD},
         ["k.eml", "good.txt"], 2, r"k\.eml: the mail body declares an unknown charset 'klingon'"),
    Case("mail with headers only", {"h.eml": "Subject: Thanks\n", "good.txt": GOOD}, ["h.eml", "good.txt"],
         1, None),
    Case("mail with a multipart never closed",
         {"mp.eml": "Content-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\nHi.\n",
          "good.txt": GOOD}, ["mp.eml", "good.txt"], 1, None),
    Case("mail with broken base64",
         {"b.eml": "Subject: x\nContent-Transfer-Encoding: base64\n\n!!!not base64\n", "good.txt": GOOD},
         ["b.eml", "good.txt"], 1, None),
    Case("HTML in Latin-1 that declares nothing", {"l1.html": b"<p>caf\xe9</p>", "good.txt": GOOD},
         ["l1.html", "good.txt"], 2, r"l1\.html:1: not UTF-8 \(byte 0xe9\)"),
    Case("Markdown with a fence never closed", {"f.md": "```\nYou failed.\n", "good.txt": GOOD},
         ["f.md", "good.txt"], 1, None),
    Case("HTML that is not HTML", {"x.html": "<<<>>>&&&<!--<p</", "good.txt": GOOD}, ["x.html", "good.txt"],
         1, None),
    Case("pack that is not YAML", _pack("rules: [\n  - {"), ["--rules", "pack", "good.txt"], 2,
         r"pack/en/team\.yaml:2: not valid YAML", good_linted=False),
    Case("pack with an unknown key", _pack(PACK.replace("    patterns:", "    patern: [x]\n    patterns:")),
         ["--rules", "pack", "good.txt"], 2, r"team\.yaml:8: unknown key 'patern'", good_linted=False),
    Case("pack with a duplicate id", _pack(PACK + PACK.split("rules:\n", 1)[1]),
         ["--rules", "pack", "good.txt"], 2, r"team\.yaml:10: duplicate rule id 'test\.rude'",
         good_linted=False),
    Case("pack with a duplicate code", _pack(PACK.replace("TL9001", "TL101")),
         ["--rules", "pack", "good.txt"], 2, r"team\.yaml:2: duplicate code TL101 \(also at .*blame\.yaml",
         good_linted=False),
    Case("pack with a bad regex", _pack(PACK.replace("[rude]", "['(rude']")),
         ["--rules", "pack", "good.txt"], 2, r"team\.yaml:8: patterns: regex '\(rude' does not compile",
         good_linted=False),
    Case("pack folder missing", {"good.txt": GOOD}, ["--rules", "nopack", "good.txt"], 2,
         r"nopack: rule pack folder not found", good_linted=False),
    Case("config with a typo'd key", {".tonelint.yaml": "fail_on: error\n", "good.txt": GOOD},
         ["good.txt"], 2, r"\.tonelint\.yaml:1: unknown config key 'fail_on'", good_linted=False),
    Case("config with a wrong type", {".tonelint.yaml": "lang: en\nmax-size: big\n", "good.txt": GOOD},
         ["good.txt"], 2, r"\.tonelint\.yaml:2: max-size: expected a number", good_linted=False),
    Case("config that is a list", {".tonelint.yaml": "- lang\n", "good.txt": GOOD}, ["good.txt"], 2,
         r"\.tonelint\.yaml:1: the config must be a mapping", good_linted=False),
    Case("unknown --lang", {"good.txt": GOOD}, ["--lang", "xx", "good.txt"], 2,
         r"unknown language 'xx' \(available: .*\ben\b", good_linted=False),
    Case("unknown --format", {"good.txt": GOOD}, ["--format", "xml", "good.txt"], 2,
         r"unknown format 'xml' \(available: text, json", good_linted=False),
    Case("unknown rule id in --select", {"good.txt": GOOD}, ["--select", "blame.nope", "good.txt"], 2,
         r"select: unknown rule, code or category 'blame\.nope'", good_linted=False),
    Case("unknown option", {"good.txt": GOOD}, ["--colour", "good.txt"], 2,
         r"No such option '--colour'\. Did you mean '--color'\?", good_linted=False),
]


def _write(tmp: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


def check_one_line(stderr: str, error: str | None) -> None:
    """No traceback, and exactly the expected error line (or nothing)."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    if error is None:
        assert lines == []
    else:
        assert len(lines) == 1, stderr
        assert lines[0].startswith("tonelint: error: ")
        assert re.search(error, lines[0]), lines[0]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, run_cli, tmp_path: Path) -> None:
    _write(tmp_path, case.files)
    if case.setup:
        case.setup(tmp_path)
    result = run_cli(*case.args)
    check_one_line(result.stderr, case.error)
    assert result.returncode == case.code, result.stdout + result.stderr
    if case.good_linted:
        assert GOOD_LINE in result.stdout


def test_utf16_positions_are_those_of_the_text(run_cli, tmp_path: Path) -> None:
    """A UTF-16 draft is decoded, not refused: the finding sits where an editor shows it."""
    (tmp_path / "u16.txt").write_bytes(("Hi,\n\nWell, you failed.\n").encode("utf-16"))
    result = run_cli("--select", "blame", "u16.txt")
    assert "u16.txt:3:7: TL101" in result.stdout


def test_a_draft_over_max_size_is_refused_unread(run_cli, tmp_path: Path) -> None:
    """50 MB: one line on stderr at once, memory never near the file's size."""
    with open(tmp_path / "big.txt", "wb") as f:
        f.truncate(50_000_000)  # sparse: costs no disk and no time
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("big.txt", "good.txt")
    check_one_line(result.stderr, r"big\.txt: 50\.0 MB is too large for a message draft \(max-size: 10 MB")
    assert result.returncode == ExitCode.ERROR
    assert GOOD_LINE in result.stdout
    piped = run_cli("-", input=b"x" * 10_000_001)
    check_one_line(piped.stderr, r"<stdin>: 10\.0 MB is too large")


@pytest.mark.parametrize(("limit", "refused"), [("0.001", True), ("0", False), ("0.01", False)])
def test_max_size_from_the_config(limit: str, refused: bool, run_cli, tmp_path: Path) -> None:
    """The limit is the config's (in MB); 0 lints any size."""
    (tmp_path / ".tonelint.yaml").write_text(f"max-size: {limit}\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD + "We planned it together.\n" * 80, encoding="utf-8")
    result = run_cli("good.txt")
    check_one_line(result.stderr, r"good\.txt: 0\.0 MB is too large" if refused else None)
    assert (GOOD_LINE in result.stdout) is not refused


def test_a_line_of_a_megabyte_without_newline(run_cli, tmp_path: Path) -> None:
    words = ("alpha beta gamma delta epsilon zeta eta theta iota kappa " * 20_000)[:1_000_000]
    (tmp_path / "line.txt").write_text("You failed to pay. " + words, encoding="utf-8")
    result = run_cli("--select", "blame", "line.txt")
    assert result.stderr == ""
    assert result.stdout.startswith("line.txt:1:1: TL101")


@pytest.mark.parametrize("args", [["-"], []], ids=["dash", "no arguments"])
def test_stdin_closed_immediately(args: list[str], tmp_path: Path) -> None:
    """stdin closed before tonelint starts (fd 0 not even open)."""
    proc = subprocess.run(
        [sys.executable, "-m", "tonelint", *args], stdin=subprocess.DEVNULL, capture_output=True, check=False,
        cwd=tmp_path, env=offline_env(), text=True, preexec_fn=lambda: os.close(0),
    )
    if args:  # `-` with nothing to read: an empty draft
        check_one_line(proc.stderr, None)
        assert proc.returncode == ExitCode.OK
        assert "<stdin>: " in proc.stdout
    else:
        check_one_line(proc.stderr, r"no drafts given")
        assert proc.returncode == ExitCode.ERROR


def test_stdin_at_end_of_file(run_cli) -> None:
    result = run_cli("-", input=b"")
    check_one_line(result.stderr, None)
    assert result.returncode == ExitCode.OK


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_to_a_closed_pipe_exits_quietly(fmt: str, tmp_path: Path) -> None:
    """``tonelint big/ | head -1``: no traceback, no 'Broken pipe' noise."""
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "many.txt").write_text("You failed to pay.\n\n" * 3000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tonelint", "--format", fmt, "--select", "blame", "big"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=offline_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    with proc.stdout, proc.stderr:
        assert proc.stdout.readline().startswith(b"big/many.txt:1:1: " if fmt == "text" else b"[")
        proc.stdout.close()  # like head -1 exiting after its line
        stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (ExitCode.OK, ExitCode.FINDINGS)
    assert stderr == ""


def test_cli_tests_run_offline(tmp_path: Path) -> None:
    """The environment every CLI test runs in refuses the network, and logs the try
    (so the CLI cases above, passing, show that tonelint needed none)."""
    log = tmp_path / "network.log"
    code = ("import socket\n"
            "try:\n    socket.create_connection(('192.0.2.1', 443), timeout=2)\n"
            "except OSError as e:\n    print(e)\n"
            "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
            "socket.create_connection(s.getsockname(), timeout=2).close()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          env=offline_env(log=log), timeout=30)
    assert proc.returncode == 0, proc.stderr  # loopback stays open for fake servers
    assert "network blocked by the test suite" in proc.stdout
    assert "192.0.2.1" in log.read_text()


def test_a_file_deleted_after_the_walk_is_one_error_and_the_rest_is_linted(tmp_path: Path) -> None:
    """The race itself, in the library: the walk lists two drafts, one is deleted, both are read."""
    from tonelint.config import Config
    from tonelint.engine import Linter, expand_paths

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    listed = list(expand_paths([str(tmp_path)]))
    (tmp_path / "a.txt").unlink()
    linter = Linter(Config(base_dir=tmp_path))
    gone, kept = (linter.lint_file(*item) for item in listed if not isinstance(item, Exception))
    assert gone.error is not None and str(gone.error) == f"{tmp_path / 'a.txt'}: no such file"
    assert kept.error is None and any(f.rule == "blame.you-failed" for f in kept.findings)


HOSTILE = {
    "spaces.txt": " " * 200_000 + "x",
    "comments.md": "<!--" * 50_000,
    "comments.html": "<!--" * 50_000,
    "tags.html": "<p " * 70_000,
    "quotes.html": "<a href='" * 30_000,
    "hashes.j2": "{#" * 100_000,
    "braces.txt": "{{ " * 100_000,
    "comments.hbs": "{{!-- {{ " * 30_000,
    "pipes.liquid": "{% comment %}" * 20_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_draft_ends_in_seconds(name: str, run_cli, tmp_path: Path) -> None:
    """Drafts that made a reader or the sentence splitter quadratic (minutes for 200 kB):
    they end in seconds, linted or with one line saying why not."""
    (tmp_path / name).write_text(HOSTILE[name], encoding="utf-8")
    began = time.monotonic()
    result = run_cli("--lang", "en", name)
    assert time.monotonic() - began < 30
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 1
    assert result.returncode in (0, 1, 2)


def test_an_unclosed_html_comment_hides_the_rest(run_cli, tmp_path: Path) -> None:
    """As in a browser: the client never sees what follows a <!-- that is never closed."""
    (tmp_path / "d.html").write_text(
        "<p>You failed to pay.</p>\n<!-- you failed again\n<p>Thanks.</p>\n", encoding="utf-8")
    result = run_cli("--lang", "en", "--select", "blame", "--format", "json", "d.html")
    assert [(f["line"], f["column"]) for f in json.loads(result.stdout)] == [(1, 4)]
