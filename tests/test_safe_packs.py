"""Rule packs and config are data, never code, and a user's regex cannot hang a run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import tonelint
from tonelint import engine, packs, patterns
from tonelint.errors import TonelintError
from tonelint.exitcode import ExitCode

RULE = """\
rules:
  - id: team.slow
    code: TL9002
    kind: {kind}
    category: unfriendly
    severity: warning
    message: slow
    scope: {scope}
    {key}: {patterns}
    examples: {{flag: [aaa], pass: [b]}}
"""


def write_pack(tmp_path: Path, pattern: str, scope: str = "text", kind: str = "phrase") -> Path:
    folder = tmp_path / "pack"
    (folder / "en").mkdir(parents=True, exist_ok=True)
    key, value = ("swap", f"{{'{pattern}': x}}") if kind == "substitution" else ("patterns", f"['{pattern}']")
    text = RULE.format(kind=kind, scope=scope, key=key, patterns=value)
    if kind == "substitution":
        text = text.replace("    scope: text\n", "")
    (folder / "en" / "slow.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("pattern", "scope", "kind", "text"),
    [
        ("(a+)+$", "text", "phrase", "a" * 20_000 + "!\n"),
        ("(a|aa)+$", "text", "phrase", "a" * 20_000 + "!\n"),
        ("(a|aa)+$", "text", "substitution", "a" * 20_000 + "!\n"),
        # Many small scans share one budget: 2000 sentences cannot take 2000 budgets.
        ("(a|aa)+$", "sentence", "phrase", ("a" * 26 + "!. ") * 2000),
    ],
    ids=["nested plus", "alternation", "substitution", "sentence by sentence"],
)
def test_a_backtracking_pattern_ends_with_an_error_naming_the_rule(
    tmp_path: Path, pattern: str, scope: str, kind: str, text: str
) -> None:
    assert_stopped_naming_the_rule(write_pack(tmp_path, pattern, scope, kind), text)


def assert_stopped_naming_the_rule(folder: Path, text: str) -> None:
    """Linting ``text`` with the slow rule ends within its budget, in an error naming it."""
    began = time.monotonic()
    with pytest.raises(TonelintError) as err:
        tonelint.lint_text(text, rules=[str(folder)], select=["team.slow"])
    assert time.monotonic() - began < patterns.budget(len(text)) + 3
    message = str(err.value)
    assert "rule team.slow (TL9002, " in message and "slow.yaml:2)" in message
    assert "catastrophic backtracking" in message


@pytest.mark.parametrize("text", [
    "Thanks. " * 5000 + "you " + "a" * 40 + "!\n",
    # A long text's one-pass scan may meet the pattern many times: one budget for all.
    ("you " + "a" * 24 + "! ") * 2000,
], ids=["once", "many times"])
def test_a_backtracking_phrase_in_a_long_texts_one_pass_scan_is_an_error_naming_the_rule(
        tmp_path: Path, text: str) -> None:
    assert len(text) > engine.MERGE_FROM_CHARS  # long enough for the merged pass
    assert_stopped_naming_the_rule(write_pack(tmp_path, "you (a|aa)+$"), text)


def test_through_the_cli_the_draft_fails_and_the_others_are_linted(run_cli, tmp_path: Path) -> None:
    folder = write_pack(tmp_path, "(a|aa)+$")
    (tmp_path / "aaa.txt").write_text("a" * 20_000 + "!\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("aaa\n", encoding="utf-8")
    result = run_cli("--rules", str(folder), "--select", "team.slow", "aaa.txt", "ok.txt")
    assert result.returncode == ExitCode.ERROR
    [line] = result.stderr.splitlines()
    assert line.startswith("tonelint: error: aaa.txt: rule team.slow (TL9002, ")
    assert "ok.txt:1:1: TL9002 [team.slow]" in result.stdout


def test_a_config_placeholder_pattern_is_timed_too(tmp_path: Path) -> None:
    with pytest.raises(TonelintError, match=r"^draft\.txt: placeholders: patterns took over"):
        tonelint.lint_text("a" * 20_000 + "!", path="draft.txt", placeholders=["(a|aa)+$"])


def test_a_fast_pattern_on_a_long_text_is_within_budget() -> None:
    """The budget grows with the text: the slowest shipped rules stay within it on 1 MB."""
    text = ("Thank you for all the help with the move. You failed to pay. " * 17_000)[:1_000_000]
    findings = tonelint.lint_text(text, select=["blame", "sugarcoating.flattery"])
    assert any(f.rule == "blame.you-failed" for f in findings)


def test_the_regex_engine_validates_what_it_runs(tmp_path: Path) -> None:
    """What the validator accepts the matcher runs (``\\p{L}`` is ``regex`` syntax)."""
    folder = write_pack(tmp_path, r"\p{Lu}{5,}ly")
    findings = tonelint.lint_text("That was SILLYly done.", rules=[str(folder)], select=["team.slow"])
    assert [f.column for f in findings] == [10]


def test_packs_construct_no_python_objects(tmp_path: Path) -> None:
    """``!!python/object`` tags are refused, and nothing runs."""
    marker = tmp_path / "pwned"
    folder = tmp_path / "pack"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "evil.yaml").write_text(
        f"rules: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(TonelintError, match="not valid YAML"):
        packs.load_rules("en", (folder,))
    assert not marker.exists()


def test_config_constructs_no_python_objects(run_cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / ".tonelint.yaml").write_text(
        f"lang: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Hello.\n", encoding="utf-8")
    result = run_cli("d.txt")
    assert result.returncode == ExitCode.ERROR
    assert ".tonelint.yaml:1: not valid YAML" in result.stderr
    assert not marker.exists()


def test_each_lint_of_the_same_text_gets_a_fresh_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor relints one unchanged string many times: the budget is per run of a
    rule, not spent over the lifetime of the text."""
    from tonelint.config import Config
    from tonelint.engine import Linter

    text = "You failed to pay the invoice, and I am sure it was a busy month. " * 300
    linter = Linter(Config(lang="en", select=["blame.you-failed"]))
    began = time.monotonic()
    linter.lint_text(text)
    once = time.monotonic() - began
    monkeypatch.setattr(patterns, "BASE_SECONDS", once * 4)  # room for one lint, not for ten
    monkeypatch.setattr(patterns, "SECONDS_PER_CHAR", 0.0)
    for _ in range(10):
        assert linter.lint_text(text)


@pytest.mark.parametrize("how", ["finditer", "search", "match"])
def test_every_way_of_matching_is_timed(how: str) -> None:
    pattern = patterns.TimedPattern("(a|aa)+$")
    text = "a" * 5000 + "!"
    with patterns.time_budget(0) as scope, pytest.raises(patterns.PatternTimeout):
        found = getattr(pattern, how)(text)
        if how == "finditer":
            list(found)
    assert scope.left <= 0.1  # the scope's one second is spent
    assert patterns.TimedPattern("a+").match("aaa!").group() == "aaa"


def test_flags_are_the_regex_packages() -> None:
    import regex

    assert (patterns.IGNORECASE, patterns.DOTALL) == (regex.IGNORECASE, regex.DOTALL)


def test_shipped_packs_run_on_re_and_user_packs_under_the_budget_unless_bounded(tmp_path) -> None:
    """Only the packs tonelint ships (reviewed, tested on hostile drafts) and a
    user's patterns that cannot backtrack for long skip the time budget; any
    other pattern a user adds is timed."""
    from tonelint import packs
    from tonelint.kinds.base import Matcher
    from tonelint.patterns import FastPattern, TimedPattern

    (tmp_path / "en").mkdir()
    rule = ("  - id: mine.{0}\n    code: TL91{1}\n    kind: phrase\n    category: mine\n"
            "    severity: info\n    message: m\n    patterns: ['{2}']\n"
            "    examples: {{flag: [hello], pass: [bye]}}\n")
    (tmp_path / "en" / "mine.yaml").write_text(
        "rules:\n" + rule.format("plain", "00", "hello|good ?bye(?:s|d)?")
        + rule.format("loose", "01", "hel+o"), encoding="utf-8")
    rules = {r.meta.id: r for r in packs.load_rules("en", (tmp_path,)).rules}
    shipped, plain, loose = (rules[i].matcher for i in ("blame.you-failed", "mine.plain", "mine.loose"))
    assert isinstance(shipped, Matcher) and isinstance(plain, Matcher) and isinstance(loose, Matcher)
    assert isinstance(shipped.regex, FastPattern)
    assert isinstance(plain.regex, FastPattern)
    assert isinstance(loose.regex, TimedPattern)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("you failed", True),
    ("late (?:payments?|fees)(?:s|ed|ing)?", True),
    ("[a-z]{0,10} x", True),
    ("(a+)+$", False),
    ("(a|aa)+$", False),
    ("\\w+ing", False),
    ("(?:\\w+ ){0,3}sorry", False),
    ("(?:a?){10}(?:b?){10}", False),  # bounded, but 2**20 ways to try
    ("(a)\\1", False),
])
def test_bounded_patterns_are_those_that_cannot_backtrack_for_long(pattern: str, expected: bool) -> None:
    assert patterns.bounded(pattern) is expected
