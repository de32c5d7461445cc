"""Inline suppression: the directive forms as a table, then what each does to findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonelint.config import Config
from tonelint.engine import Linter
from tonelint.suppression import parse

RULES = Path(__file__).parent / "golden" / "rules"

# comment text -> (verb, rules) of each directive found
FORMS = [
    ("tonelint-disable", [("disable", ())]),
    (" tonelint-disable golden.frankly ", [("disable", ("golden.frankly",))]),
    ("tonelint-disable golden.frankly,blame", [("disable", ("golden.frankly", "blame"))]),
    ("tonelint-disable golden.frankly, TL901 blame", [("disable", ("golden.frankly", "TL901", "blame"))]),
    ("tonelint-disable ALL", [("disable", ("ALL",))]),
    ("tonelint-enable", [("enable", ())]),
    ("tonelint-enable blame", [("enable", ("blame",))]),
    ("tonelint-disable-next-line golden.frankly", [("disable-next-line", ("golden.frankly",))]),
    ("tonelint-disable-next-line", [("disable-next-line", ())]),
    ("tonelint-disable-line blame", [("disable-line", ("blame",))]),
    ("tonelint-disable-file", [("disable-file", ())]),
    ("tonelint-disable-file golden.thanks", [("disable-file", ("golden.thanks",))]),
    ("tonelint-disable blame -- the client asked for it", [("disable", ("blame",))]),
    ("tonelint-disable blame --", [("disable", ("blame",))]),  # the end of {{!-- --}}
    ("tonelint-disable-next-line blame\ntonelint-enable",
     [("disable-next-line", ("blame",)), ("enable", ())]),
    ("not-tonelint-disable blame", []),
    ("tonelint-disabled blame", []),
    ("tonelint disable blame", []),
    ("just a comment", []),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[t for t, _ in FORMS])
def test_directive_forms(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(d.verb, d.rules) for d in parse(text)] == expected


DRAFT = """<!-- {directive} -->
You failed to call. Frankly, it is over.
You failed to write. Frankly, again.
<!-- tonelint-enable -->
You failed to pay. Frankly, done.
"""


def _lint(text: str, name: str = "draft.md") -> list[tuple[int, str]]:
    linter = Linter(Config(rules=[str(RULES)], select=["golden.you-failed", "golden.frankly"]))
    return [(f.line, f.rule) for f in linter.lint_text(text, name)]


ALL_LINES = [(n, r) for n in (2, 3, 5) for r in ("golden.you-failed", "golden.frankly")]

EFFECTS = [
    ("tonelint-disable", [(5, "golden.you-failed"), (5, "golden.frankly")]),
    ("tonelint-disable golden.frankly", [(2, "golden.you-failed"), (3, "golden.you-failed"),
                                         (5, "golden.you-failed"), (5, "golden.frankly")]),
    ("tonelint-disable unfriendly", [(2, "golden.you-failed"), (3, "golden.you-failed"),
                                     (5, "golden.you-failed"), (5, "golden.frankly")]),
    ("tonelint-disable TL901", [(2, "golden.frankly"), (3, "golden.frankly"),
                                (5, "golden.you-failed"), (5, "golden.frankly")]),
    ("tonelint-disable-next-line", [(3, "golden.you-failed"), (3, "golden.frankly"),
                                    (5, "golden.you-failed"), (5, "golden.frankly")]),
    ("tonelint-disable-next-line golden.you-failed",
     [(2, "golden.frankly"), *[x for x in ALL_LINES if x[0] != 2]]),
    ("tonelint-disable-file golden.frankly", [(2, "golden.you-failed"), (3, "golden.you-failed"),
                                              (5, "golden.you-failed")]),
    ("tonelint-disable-file", []),
    ("tonelint-disable-line", ALL_LINES),  # the comment's own line holds nothing
]


@pytest.mark.parametrize(("directive", "left"), EFFECTS, ids=[d for d, _ in EFFECTS])
def test_what_each_directive_suppresses(directive: str, left: list[tuple[int, str]]) -> None:
    assert sorted(_lint(DRAFT.format(directive=directive))) == sorted(left)


def test_enable_of_one_rule_ends_only_its_own_disable() -> None:
    text = ("<!-- tonelint-disable golden.frankly -->\n<!-- tonelint-disable golden.you-failed -->\n"
            "<!-- tonelint-enable golden.frankly -->\nYou failed to pay. Frankly, done.\n")
    assert _lint(text) == [(4, "golden.frankly")]


def test_unknown_rule_is_a_warning_at_the_name() -> None:
    linter = Linter(Config(rules=[str(RULES)], select=["golden.frankly"]))
    findings = linter.lint_text("Fine.\n<!-- tonelint-disable-next-line golden.frankli -->\nFrankly, no.\n", "a.md")
    warning = [f for f in findings if f.rule == "suppression.unknown-rule"]
    assert [(f.line, f.column, f.end_column, str(f.severity)) for f in warning] == [(2, 33, 47, "warning")]
    assert "golden.frankli" in warning[0].message
    assert [f.line for f in findings if f.rule == "golden.frankly"] == [3]


def test_min_severity_error_hides_the_unknown_rule_warning() -> None:
    linter = Linter(Config(rules=[str(RULES)], select=["golden.frankly"], min_severity="error"))
    assert linter.lint_text("<!-- tonelint-disable nope -->\n", "a.md") == []


def test_a_rule_not_selected_is_still_known() -> None:
    """Naming a shipped rule that this run does not select is no mistake."""
    findings = Linter(Config(rules=[str(RULES)], select=["golden.frankly"])).lint_text(
        "<!-- tonelint-disable golden.you-failed -->\nFrankly.\n", "a.md")
    assert [f.rule for f in findings] == ["golden.frankly"]


def test_a_directive_shown_in_a_markdown_code_block_is_not_one() -> None:
    assert _lint("```html\n<!-- tonelint-disable -->\n```\nFrankly, no.\n") == [(4, "golden.frankly")]


def test_plain_text_has_no_directives() -> None:
    """In a .txt the client would read the comment: it is text, not a directive."""
    assert _lint("<!-- tonelint-disable -->\nFrankly, no.\n", "draft.txt") == [(2, "golden.frankly")]


@pytest.mark.parametrize(("name", "comment"), [
    ("a.html.j2", "{# tonelint-disable-next-line golden.frankly #}"),
    ("a.hbs", "{{!-- tonelint-disable-next-line golden.frankly --}}"),
    ("a.mustache", "{{! tonelint-disable-next-line golden.frankly }}"),
    ("a.liquid", "{% comment %}tonelint-disable-next-line golden.frankly{% endcomment %}"),
    ("a.html", "<!-- tonelint-disable-next-line golden.frankly -->"),
    ("a.md", "<!-- tonelint-disable-next-line golden.frankly -->"),
])
def test_each_formats_comment_syntax(name: str, comment: str) -> None:
    assert _lint(f"{comment}\nFrankly, no.\nFrankly, yes.\n", name) == [(3, "golden.frankly")]


def test_per_file_ignores_is_the_way_for_plain_text(tmp_path: Path) -> None:
    linter = Linter(Config(rules=[str(RULES)], select=["golden.frankly"], base_dir=tmp_path,
                           per_file_ignores={"*.txt": ["golden.frankly"]}))
    draft = tmp_path / "a.txt"
    draft.write_text("Frankly, no.\n", encoding="utf-8")
    assert linter.lint_file(draft).findings == []


def test_directive_warnings_are_shown_unless_ignored(tmp_path) -> None:
    from tonelint.config import Config
    from tonelint.engine import Linter

    text = "Hi <!-- tonelint-disable blame.nope -->\n\nYou failed to pay.\n"

    def rules(**cfg) -> set[str]:
        return {f.rule for f in Linter(Config(lang="en", **cfg)).lint_text(text, "d.md")}

    assert "suppression.unknown-rule" in rules()
    assert rules(select=["suppression"]) == {"suppression.unknown-rule"}
    assert "suppression.unknown-rule" in rules(select=["missing.thanks"])
    assert "suppression.unknown-rule" not in rules(ignore=["suppression"])
