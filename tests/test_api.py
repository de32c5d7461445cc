"""The library API that front ends and scripts call."""

from __future__ import annotations

from pathlib import Path

import pytest

import tonelint
from tonelint.errors import TonelintError
from tonelint.exitcode import ExitCode


def test_lint_text_returns_findings_with_positions() -> None:
    findings = tonelint.lint_text("Hi,\n\nYou ignored every reminder.", lang="en", select=["blame"])
    assert [(f.rule, f.line, f.column) for f in findings] == [("blame.you-failed", 3, 1)]
    assert isinstance(findings[0], tonelint.Finding)


def test_lint_paths_walks_folders_and_raises_on_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("You failed to pay.", encoding="utf-8")
    assert any(f.rule == "blame.you-failed" for f in tonelint.lint_paths([str(tmp_path)]))
    with pytest.raises(TonelintError, match="no such file"):
        tonelint.lint_paths([str(tmp_path / "missing.txt")])


def test_a_broken_user_pack_stops_the_cli_with_one_line(run_cli, tmp_path: Path) -> None:
    (tmp_path / "pack" / "en").mkdir(parents=True)
    (tmp_path / "pack" / "en" / "bad.yaml").write_text(
        "rules:\n  - id: x.y\n    code: TL9999\n    kind: phrase\n    category: x\n"
        "    severity: info\n    message: m\n    patterns: ['(']\n"
        "    examples: {flag: [a], pass: [b]}\n",
        encoding="utf-8",
    )
    (tmp_path / "d.txt").write_text("Hello.", encoding="utf-8")
    result = run_cli("--rules", "pack", "d.txt")
    assert result.returncode == ExitCode.ERROR
    assert result.stderr.count("\n") == 1
    assert "bad.yaml:8: patterns: regex '(' does not compile" in result.stderr
