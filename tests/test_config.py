"""Configuration: found by walking up, strict, one precedence, printed by `tonelint config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tonelint.config import load_config
from tonelint.errors import TonelintError
from tonelint.exitcode import ExitCode

BLAME = "Hi Sam,\n\nYou failed to pay the last two invoices.\n\nKim\n"


def test_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text("ignore: [advice]\nfail-on: error\n", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    config = load_config(tmp_path / "a" / "b")
    assert config.ignore == ["advice"] and config.fail_on == "error"


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.tonelint]\nselect = ["blame"]\n', encoding="utf-8")
    assert load_config(tmp_path).select == ["blame"]


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        (".tonelint.yaml", "lang: en\nignroe: [advice]\n", 2, "unknown config key 'ignroe'"),
        (".tonelint.yaml", "fail-on: 3\n", 1, "fail-on: expected a string"),
        (".tonelint.yaml", "severity:\n  blame: loud\n", 2, "'loud' is not one of"),
        (".tonelint.yaml", "placeholders: ['(']\n", 1, "does not compile"),
        (".tonelint.yaml", "thresholds:\n  length.words: lots\n", 2, "thresholds"),
        ("pyproject.toml", "[tool.tonelint]\nlang = 'en'\nfail_on = 'error'\n", 3, "unknown config key 'fail_on'"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path: Path, name: str, text: str, line: int,
                                            words: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(TonelintError) as err:
        load_config(tmp_path)
    assert err.value.path and err.value.path.endswith(name)
    assert err.value.line == line
    assert words in err.value.message


def test_bad_config_from_the_cli_is_one_line_and_exit_2(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text("fail-on: sometimes\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    result = run_cli("d.txt")
    assert result.returncode == ExitCode.ERROR
    assert result.stderr.startswith("tonelint: error: ") and ".tonelint.yaml:1:" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_rule_in_config_is_an_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text("ignore: [blame.typo]\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    result = run_cli("d.txt")
    assert result.returncode == ExitCode.ERROR and "blame.typo" in result.stderr


def test_precedence_file_then_explicit_then_flags(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text("select: [blame]\nfail-on: never\n", encoding="utf-8")
    (tmp_path / "strict.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    assert run_cli("d.txt").returncode == ExitCode.OK
    assert run_cli("d.txt", "--config", "strict.yaml").returncode == ExitCode.FINDINGS
    assert run_cli("d.txt", "--config", "strict.yaml", "--fail-on", "never").returncode == ExitCode.OK


def test_severity_override_thresholds_and_per_file_ignores(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text(
        "severity:\n  blame.you-failed: error\n"
        "thresholds:\n  length.words: 5\n"
        "per-file-ignores:\n  'legacy/*.txt': [blame]\n",
        encoding="utf-8",
    )
    (tmp_path / "legacy").mkdir()
    (tmp_path / "d.txt").write_text(BLAME, encoding="utf-8")
    (tmp_path / "legacy" / "old.txt").write_text(BLAME, encoding="utf-8")
    found = json.loads(run_cli("d.txt", "legacy", "--format", "json").stdout)
    by_path = {(Path(f["path"]).name, f["rule"]): f for f in found}
    assert by_path[("d.txt", "blame.you-failed")]["severity"] == "error"
    assert ("d.txt", "length.words") in by_path
    assert ("old.txt", "blame.you-failed") not in by_path


def test_config_command_prints_effective_values(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    out = run_cli("config", "--lang", "en").stdout
    assert "fail-on: error" in out and "# fail-on: from" in out and "# lang: from command line" in out
