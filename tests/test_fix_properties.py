"""--fix as a property: it changes only its findings' spans, once, and never half a file."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import offline_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import MARKUP, PIECES

from tonelint import packs
from tonelint.cli import main
from tonelint.config import Config
from tonelint.engine import Linter
from tonelint.fix import plan

SWAPPED = sorted({ex for r in packs.load_rules("en").rules if r.meta.kind == "substitution" for ex in r.meta.flag})
# No NUL: a draft with one is a binary file, refused before any fix (see test_bad_input).
DRAFTS = st.lists(st.one_of(PIECES, st.sampled_from(SWAPPED), MARKUP), max_size=25).map(
    lambda parts: "".join(parts).replace("\x00", ""))


def only_spans_changed(before: str, after: str, spans: list[tuple[int, int]]) -> bool:
    """``after`` is ``before`` with some of ``spans`` (merged where they overlap)
    rewritten and every character outside them kept, in order."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pattern, pos = [], 0
    for s, e in merged:
        pattern += [re.escape(before[pos:s]), "(.*?)"]
        pos = e
    pattern.append(re.escape(before[pos:]))
    return re.fullmatch("".join(pattern), after, re.DOTALL) is not None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS, st.sampled_from([".txt", ".md", ".html", ".j2"]), st.sampled_from(["\n", "\r\n"]))
def test_fix_changes_only_its_spans_and_a_second_fix_changes_nothing(
    source: str, suffix: str, newline: str
) -> None:
    source = source.replace("\n", newline)
    linter = Linter(Config())
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / ("d" + suffix)
        draft.write_bytes(source.encode("utf-8"))
        linted = linter.lint_file(draft)
        spans = [(f.offset, f.end_offset) for f in linted.findings if f.replacement is not None]
        first = CliRunner().invoke(main, ["--isolated", "--fix", str(draft)])
        assert first.exit_code in (0, 1), first.output
        after = draft.read_bytes().decode("utf-8")
        # A leading U+FEFF is the UTF-8 signature: kept, and not counted in offsets.
        assert after.startswith("\ufeff") == source.startswith("\ufeff")
        assert only_spans_changed(source.removeprefix("\ufeff"), after.removeprefix("\ufeff"), spans)
        assert (after != source) == (plan(linted) is not None)
        written = draft.stat().st_mtime_ns
        second = CliRunner().invoke(main, ["--isolated", "--fix", str(draft)])
        assert "fixed" not in second.stderr
        assert draft.read_bytes().decode("utf-8") == after
        assert draft.stat().st_mtime_ns == written


def test_only_spans_changed_can_fail() -> None:
    assert only_spans_changed("a Sadly b", "a Unfortunately b", [(2, 7)])
    assert not only_spans_changed("a Sadly b", "A Unfortunately b", [(2, 7)])
    assert not only_spans_changed("a Sadly b", "a Unfortunately", [(2, 7)])


# A disk whose every fsync takes 50 ms, so that a signal lands mid-write.
SLOW_FIX = (
    "import os, sys, time; sync = os.fsync\n"
    "os.fsync = lambda fd: (time.sleep(0.05), sync(fd))[1]\n"
    "from tonelint.cli import main; sys.argv[0] = 'tonelint'; main()\n"
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_fix_leaves_each_file_whole_old_or_whole_new(sig: int, tmp_path: Path) -> None:
    linter = Linter(Config())
    old, new = {}, {}
    for i in range(20):
        path = tmp_path / f"d{i:02}.txt"
        text = f"Hi {i},\n\nPer my last email, we terminate " + "the work. " * (i * 20) + "Prior to May.\n"
        path.write_text(text, encoding="utf-8")
        fix = plan(linter.lint_file(path))
        assert fix is not None
        old[path.name], new[path.name] = text.encode(), fix.after.encode()
    proc = subprocess.Popen([sys.executable, "-c", SLOW_FIX, "--isolated", "--fix", "."], cwd=tmp_path,
                            env=offline_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    # Once the first file is new, the next is being written and the rest are old.
    while all((tmp_path / n).read_bytes() != new[n] for n in new) and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(0.02)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in stderr
    state = {}
    for name, was in old.items():
        data = (tmp_path / name).read_bytes()
        assert data in (was, new[name]), name
        state[name] = "new" if data == new[name] else "old"
    assert "new" in state.values() and "old" in state.values(), state
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(old)  # no temporary file left
