"""The command line as scripts, hooks and editors use it."""

from __future__ import annotations

import json
from pathlib import Path

from tonelint.exitcode import ExitCode

BLAME = "Hi Sam,\n\nYou failed to pay the last two invoices.\n\nKim\n"
CLEAN = (
    "Hi Sam,\n\nI'm ending our work after May because my schedule has changed. "
    "My last day is 30 May and I will send the files before then.\n\n"
    "Thank you for the past year.\n\nBest,\nKim\n"
)


def test_exit_codes_are_pinned() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2]
    assert (ExitCode.OK, ExitCode.FINDINGS, ExitCode.ERROR) == (0, 1, 2)


def test_text_output_is_path_line_col_code_rule_message(run_cli, tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(BLAME, encoding="utf-8")
    result = run_cli("draft.txt", "--select", "blame")
    assert result.returncode == ExitCode.FINDINGS
    first = result.stdout.splitlines()[0]
    assert first.startswith("draft.txt:3:1: TL101 [blame.you-failed] ")
    assert "    suggestion: " in result.stdout
    assert "blame 1" in result.stdout  # the checklist line
    assert result.stdout.rstrip().splitlines()[-1].startswith("Found 1 finding")


def test_clean_draft_exits_zero(run_cli, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    result = run_cli("ok.txt")
    assert result.returncode == ExitCode.OK, result.stdout
    assert "reason ok · next steps ok · thanks ok" in result.stdout


def test_json_fields(run_cli, tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(BLAME, encoding="utf-8")
    findings = json.loads(run_cli("--format", "json", "draft.txt").stdout)
    blame = next(f for f in findings if f["rule"] == "blame.you-failed")
    assert blame == {
        "path": "draft.txt", "line": 3, "column": 1, "end_line": 3, "end_column": 11,
        "code": "TL101", "rule": "blame.you-failed", "category": "blame", "severity": "warning",
        "message": blame["message"], "suggestion": blame["suggestion"],
    }
    assert "You failed" in blame["message"]


def test_stdin_with_a_name(run_cli) -> None:
    result = run_cli("-", "--stdin-filename", "mail.txt", "--format", "json", input=BLAME)
    assert {f["path"] for f in json.loads(result.stdout)} == {"mail.txt"}


def test_piped_stdin_without_arguments(run_cli) -> None:
    result = run_cli("--format", "json", input=BLAME)
    assert any(f["rule"] == "blame.you-failed" for f in json.loads(result.stdout))


def test_subcommand_wins_but_dot_slash_lints_a_file(run_cli, tmp_path: Path) -> None:
    (tmp_path / "rules").write_text(BLAME, encoding="utf-8")
    assert "blame.you-failed" in run_cli("rules").stdout.split("\n")[0] or "TL101" in run_cli("rules").stdout
    as_file = run_cli("./rules", "--format", "json")
    assert {f["path"] for f in json.loads(as_file.stdout)} == {"./rules"}


def test_select_ignore_by_id_code_and_category(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")

    def rules(*args: str) -> set[str]:
        return {f["rule"] for f in json.loads(run_cli("--format", "json", "d.txt", *args).stdout)}

    assert rules("--select", "blame") == {"blame.you-failed"}
    assert rules("--select", "TL1") == {"blame.you-failed"}
    assert rules("--select", "blame.you-failed,missing.thanks") == {"blame.you-failed", "missing.thanks"}
    assert "blame.you-failed" not in rules("--ignore", "blame")


def test_fail_on_and_min_severity(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    assert run_cli("d.txt", "--fail-on", "error", "--select", "blame").returncode == ExitCode.OK
    assert run_cli("d.txt", "--fail-on", "never").returncode == ExitCode.OK
    shown = json.loads(run_cli("d.txt", "--format", "json", "--min-severity", "warning").stdout)
    assert shown and all(f["severity"] != "info" for f in shown)


def test_unknown_language_is_a_one_line_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    result = run_cli("--lang", "xx", "d.txt")
    assert result.returncode == ExitCode.ERROR
    assert result.stderr.count("\n") == 1 and "unknown language 'xx'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_selector_and_format_are_errors(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    for args, words in ((["--select", "blame.nope"], "unknown rule"), (["--format", "xml"], "unknown format")):
        result = run_cli("d.txt", *args)
        assert result.returncode == ExitCode.ERROR, args
        assert words in result.stderr and result.stderr.count("\n") == 1


def test_a_missing_file_is_reported_and_others_still_linted(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    result = run_cli("nope.txt", "d.txt", "--format", "json")
    assert result.returncode == ExitCode.ERROR
    assert "nope.txt: no such file" in result.stderr
    assert any(f["path"] == "d.txt" for f in json.loads(result.stdout))


def test_a_folder_is_walked(run_cli, tmp_path: Path) -> None:
    (tmp_path / "drafts" / "sub").mkdir(parents=True)
    (tmp_path / "drafts" / "a.txt").write_text(BLAME, encoding="utf-8")
    (tmp_path / "drafts" / "sub" / "b.txt").write_text(BLAME, encoding="utf-8")
    (tmp_path / "drafts" / "image.png").write_bytes(b"\x89PNG\x00")
    paths = {f["path"] for f in json.loads(run_cli("drafts", "--format", "json").stdout)}
    assert {Path(p).name for p in paths} == {"a.txt", "b.txt"}


def test_rules_and_explain(run_cli) -> None:
    listing = run_cli("rules").stdout
    assert "TL101" in listing and "blame.you-failed" in listing and "missing-thanks" in listing
    explained = run_cli("explain", "TL101")
    assert explained.returncode == 0
    assert "blame.you-failed" in explained.stdout and "Flags, for example:" in explained.stdout
    assert run_cli("explain", "no.such-rule").returncode == ExitCode.ERROR


def test_color_only_when_asked(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    assert "\033[" not in run_cli("d.txt").stdout  # not a terminal
    assert "\033[" in run_cli("d.txt", "--color", "always").stdout


def test_version_and_help(run_cli) -> None:
    assert run_cli("--version").stdout.startswith("tonelint, version ")
    assert "Examples:" in run_cli("--help").stdout
