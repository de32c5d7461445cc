"""The README's rule list and set-up commands match what ships."""

from __future__ import annotations

from pathlib import Path

from tonelint import packs

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_english_rule_is_listed() -> None:
    for rule in packs.load_rules("en").rules:
        assert f"| {rule.meta.code} | `{rule.meta.id}` |" in README, rule.meta.id


def test_the_example_draft_of_the_first_command_exists() -> None:
    assert ".venv/bin/tonelint examples/draft.txt" in README
    assert (Path(__file__).resolve().parents[1] / "examples" / "draft.txt").is_file()
