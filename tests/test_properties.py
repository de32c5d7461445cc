"""Property-based tests: arbitrary drafts never break tonelint or its positions.

Drafts are random mixes of Unicode text, phrases the rules flag (the packs' own
``flag`` examples), placeholders, typographic quotes and every kind of line
ending. Example counts are modest so the suite stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tonelint
from tonelint import packs
from tonelint.cli import main
from tonelint.document import _PLAIN_QUOTES, LineIndex
from tonelint.finding import Finding
from tonelint.kinds.base import _quote
from tonelint.placeholders import Placeholders

RULES = {r.meta.id: r.meta for lang in packs.languages() for r in packs.load_rules(lang).rules}
FLAGGED = sorted({ex for meta in RULES.values() for ex in meta.flag})

PIECES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(FLAGGED),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n", " ", "\t", "\u2028", "\ufeff"]),
    st.sampled_from(["{{ client }}", "{% if x %}", "{#c#}", "${name}", "{0}", "%DATE%", "<<Name>>",
                     "[Client Name]", "{{", "}}", "{%", "[", "]"]),
    st.sampled_from(["“", "”", "‘", "’", "\"", "'", "!", "?", "...", "…", "- ", "1. ", "YOU", "NEVER"]),
)
DRAFTS = st.lists(PIECES, max_size=30).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_positions(source: str, findings: list[Finding], verbatim: bool = True) -> None:
    """Every finding lies inside the file, its line/column are those of its offsets,
    and (``verbatim``: a reader that keeps the text as written) a ``{match}`` in
    its message is the text at those offsets."""
    lines = LineIndex(source)
    placeholders = Placeholders().spans(source)
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(source), f
        assert (f.line, f.column) == lines.position(f.offset), f
        assert (f.end_line, f.end_column) == lines.position(f.end_offset), f
        if verbatim and f.rule in RULES and "{match}" in RULES[f.rule].message and f.end_offset > f.offset:
            inside = any(s < f.end_offset and f.offset < e for s, e in placeholders)
            if not inside:
                assert _quote(source[f.offset:f.end_offset].translate(_PLAIN_QUOTES)) in f.message, f


@FAST
@given(DRAFTS)
def test_lint_text_never_fails_and_points_inside(source: str) -> None:
    findings = tonelint.lint_text(source)
    check_positions(source, findings)
    assert findings == sorted(findings)
    assert tonelint.lint_text(source) == findings  # deterministic


@FAST
@given(st.text(max_size=300))
def test_any_unicode_at_all(source: str) -> None:
    check_positions(source, tonelint.lint_text(source))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_the_cli_agrees_with_the_library(source: str, encoding: str) -> None:
    """Bytes in any accepted encoding through the CLI give the library's findings
    (NUL bytes excepted: they mark a binary file, unless the BOM says UTF-16)."""
    result = CliRunner().invoke(
        main, ["-", "--stdin-filename", "d.txt", "--format", "json"], input=source.encode(encoding)
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if "\x00" in source and encoding != "utf-16":
        assert result.exit_code == 2 and "binary file" in result.stderr
        return
    assert result.exit_code in (0, 1), result.output
    if encoding == "utf-8":  # a leading U+FEFF is read as the UTF-8 signature
        source = source.removeprefix("\ufeff")
    expected = [f.as_dict() for f in tonelint.lint_text(source, path="d.txt")]
    assert json.loads(result.output) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_any_bytes_through_the_cli_is_findings_or_one_error_line(data: bytes) -> None:
    result = CliRunner().invoke(main, ["-", "--stdin-filename", "d.txt", "--format", "json"], input=data)
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        [line] = [x for x in result.stderr.splitlines() if x]
        assert line.startswith("tonelint: error: d.txt")


# -- every reader ---------------------------------------------------------------
MARKUP = st.sampled_from([
    "<p>", "</p>", "<br>", "<b>", "</b>", "&amp;", "&nbsp;", "&#8217;", "&bogus;", "<", ">", "&",
    "<!-- tonelint-disable -->", "<!-- tonelint-enable -->", "<!-- tonelint-disable-next-line blame -->",
    "<!--", "-->", "<script>x</script>", "<style>", "<head>", "<body>",
    "**", "_", "`", "```\n", "# ", "> ", "- ", "[link](http://x.test)", "![img](a.png)", "---\n",
    "    code\n", "| a | b |\n",
    "{# tonelint-disable-line #}", "{% comment %}", "{% endcomment %}", "{{!-- tonelint-disable --}}",
    "{{#if x}}", "{{/if}}", "{{{raw}}}",
    "Subject: ", "From: Kim <kim@example.test>\n", "Content-Type: text/plain; charset=utf-8\n",
    "Content-Transfer-Encoding: quoted-printable\n", "=C3=A9", "=\n", "\n-- \n",
    "On Mon, 1 Jan 2024, sam@example.test wrote:\n", "> > ", "-----Original Message-----\n",
])
MARKED_UP = st.lists(st.one_of(PIECES, MARKUP, MARKUP), max_size=30).map("".join)
SUFFIXES = [".md", ".html", ".eml", ".j2", ".hbs", ".liquid", ".txt"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKED_UP, st.sampled_from(SUFFIXES))
@example("0", ".eml")  # found by this test: a mail with no headers read its body twice
@example("Subject: hi\nYou failed to pay.", ".eml")  # no blank line after the headers
def test_every_reader_never_fails_and_points_inside(source: str, suffix: str) -> None:
    findings = tonelint.lint_text(source, path="d" + suffix)
    assert findings == sorted(findings)
    assert tonelint.lint_text(source, path="d" + suffix) == findings
    if suffix == ".eml":  # mail is read as bytes, where a leading U+FEFF is the UTF-8 signature
        source = source.removeprefix("\ufeff")
    check_positions(source, findings, verbatim=suffix == ".txt")


def test_same_output_across_runs(run_cli) -> None:
    """Two processes with different hash seeds print the same findings, byte for byte,
    over every golden draft (all formats)."""
    golden = str(Path(__file__).parent / "golden")
    runs = [run_cli("--format", "json", "--fail-on", "never", golden, env={**os.environ, "PYTHONHASHSEED": seed})
            for seed in ("1", "2")]
    assert runs[0].returncode == 0 and json.loads(runs[0].stdout)
    assert runs[0].stdout == runs[1].stdout


def test_same_output_with_jobs(run_cli, tmp_path: Path) -> None:
    """--jobs (when this build has it) prints what a serial run prints, byte for byte."""
    lint = main.commands["lint"]
    if not any(p.name == "jobs" for p in lint.params):
        pytest.skip("this build has no --jobs")
    golden = Path(__file__).parent / "golden"
    drafts = [p for p in sorted(golden.rglob("*")) if p.is_file() and p.suffix != ".json"]
    for i in range(3):  # enough files for a pool to be used
        for p in drafts:
            target = tmp_path / "many" / f"{i}-{p.parent.name}-{p.name}"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(p.read_bytes())
    serial = run_cli("--format", "json", "--fail-on", "never", "many")
    assert serial.returncode == 0 and json.loads(serial.stdout)
    for jobs in ("2", "3"):
        assert run_cli("--format", "json", "--fail-on", "never", "--jobs", jobs, "many").stdout == serial.stdout
