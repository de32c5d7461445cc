"""``--format github``: the exact workflow commands GitHub Actions turns into annotations."""

from __future__ import annotations

from pathlib import Path

from tonelint.engine import FileResult
from tonelint.finding import Finding, Severity
from tonelint.formatters import Style, github

PACKS = Path(__file__).parent / "itest_pack"


def test_one_annotation_per_finding_with_exact_positions(run_cli, tmp_path: Path) -> None:
    (tmp_path / "notice.txt").write_text("Hello,\nSadly you ruined the launch.\n", encoding="utf-8")
    proc = run_cli("notice.txt", "--rules", str(PACKS), "--select", "itest", "--format", "github")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        ("::warning file=notice.txt,line=2,col=1,endLine=2,endColumn=6,title=TL9902 [itest.sadly]"
         '::Say "Unfortunately" instead of Sadly.%0A%0ASuggestion: Unfortunately'),
        ("::error file=notice.txt,line=2,col=7,endLine=2,endColumn=17,title=TL9901 [itest.you-ruined]"
         "::you ruined blames the client.%0A%0ASuggestion: Say what happened instead."),
    ]


def test_stdin_is_reported_under_its_stdin_filename(run_cli) -> None:
    proc = run_cli("-", "--stdin-filename", "drafts/bye.txt", "--rules", str(PACKS),
                   "--select", "itest.you-ruined", "--format", "github", input="So you ruined it.")
    assert proc.stdout.splitlines() == [
        ("::error file=drafts/bye.txt,line=1,col=4,endLine=1,endColumn=14,title=TL9901 [itest.you-ruined]"
         "::you ruined blames the client.%0A%0ASuggestion: Say what happened instead."),
    ]


def test_a_file_that_cannot_be_read_is_an_error_annotation(run_cli) -> None:
    proc = run_cli("gone.txt", "--rules", str(PACKS), "--select", "itest", "--format", "github")
    assert proc.returncode == 2
    assert proc.stdout.splitlines() == ["::error file=gone.txt,title=tonelint::no such file or folder"]


def test_values_are_escaped_as_the_runner_expects() -> None:
    finding = Finding(
        path="odd, name: 100%.txt", line=3, column=1, end_line=4, end_column=2, code="TL1",
        rule="x.y", category="blame", severity=Severity.INFO, message="50% off\r\nnow: ok, fine",
    )
    assert list(github.format_results([FileResult(finding.path, [finding])], Style())) == [
        ("::notice file=odd%2C name%3A 100%25.txt,line=3,col=1,endLine=4,endColumn=2,title=TL1 [x.y]"
         "::50%25 off%0D%0Anow: ok, fine"),
    ]
