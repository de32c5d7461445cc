"""Each rule kind, as a user writing a pack relies on it. One small pack per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonelint.config import Config
from tonelint.engine import Linter
from tonelint.finding import Finding

HEAD = """\
rules:
  - id: test.rule
    code: TL9001
    category: test
    severity: warning
    message: 'found "{match}" {count} {value}'
    examples: {flag: [x], pass: [y]}
"""


def lint(tmp_path: Path, body: str, text: str) -> list[Finding]:
    folder = tmp_path / "pack"
    (folder / "en").mkdir(parents=True, exist_ok=True)
    (folder / "en" / "p.yaml").write_text(HEAD + body, encoding="utf-8")
    linter = Linter(Config(lang="en", rules=[str(folder)], select=["test.rule"]))
    return linter.lint_text(text)


def spans(findings: list[Finding], text: str) -> list[str]:
    return [text[f.offset : f.end_offset] for f in findings]


class TestPhrase:
    BODY = "    kind: phrase\n    patterns: ['your fault']\n    exceptions: ['not your fault']\n"

    def test_matches_whole_words_case_insensitively(self, tmp_path: Path) -> None:
        text = "It is Your Fault. It is yourfault."
        assert spans(lint(tmp_path, self.BODY, text), text) == ["Your Fault"]

    def test_an_overlapping_exception_cancels_the_match(self, tmp_path: Path) -> None:
        text = "This is not your fault. But that was your fault."
        found = lint(tmp_path, self.BODY, text)
        assert [f.column for f in found] == [text.rindex("your fault") + 1]

    def test_sentence_scoped_exceptions_cancel_the_whole_sentence(self, tmp_path: Path) -> None:
        body = ("    kind: phrase\n    patterns: ['you missed']\n    exceptions: ['nothing wrong']\n"
                "    exception-scope: sentence\n")
        text = "You missed the call, but you did nothing wrong. You missed the deadline."
        assert spans(lint(tmp_path, body, text), text) == ["You missed"]

    def test_sentence_scope_keeps_a_pattern_inside_one_sentence(self, tmp_path: Path) -> None:
        body = "    kind: phrase\n    scope: sentence\n    patterns: ['late.*again']\n"
        assert lint(tmp_path, body, "You were late. We meet again.") == []
        assert len(lint(tmp_path, body, "You were late again.")) == 1

    def test_typographic_apostrophes_read_as_plain_ones(self, tmp_path: Path) -> None:
        body = "    kind: phrase\n    patterns: [\"you've ignored\"]\n"
        text = "You’ve ignored it."
        assert spans(lint(tmp_path, body, text), text) == ["You’ve ignored"]

    def test_the_message_quotes_the_match(self, tmp_path: Path) -> None:
        assert 'found "your fault"' in lint(tmp_path, self.BODY, "It was your fault.")[0].message


class TestSubstitution:
    BODY = "    kind: substitution\n    swap: {'per my last email': 'as I mentioned'}\n"

    def test_the_replacement_is_the_suggestion_and_keeps_the_capital(self, tmp_path: Path) -> None:
        (finding,) = lint(tmp_path, self.BODY, "Per my last email, the files are ready.")
        assert finding.suggestion == finding.replacement == "As I mentioned"


class TestCount:
    BODY = "    kind: count\n    max: 1\n    patterns: ['sorry']\n"

    def test_one_occurrence_is_allowed(self, tmp_path: Path) -> None:
        assert lint(tmp_path, self.BODY, "I'm sorry it ended.") == []

    def test_more_than_max_is_one_finding_on_the_first_past_the_limit(self, tmp_path: Path) -> None:
        text = "Sorry. So sorry. Sorry again."
        found = lint(tmp_path, self.BODY, text)
        assert len(found) == 1 and found[0].offset == text.index("sorry")
        assert " 3 " in found[0].message


class TestRequired:
    BODY = "    kind: required\n    placement: signoff\n    patterns: ['thank']\n"

    def test_present_anywhere_is_enough(self, tmp_path: Path) -> None:
        assert lint(tmp_path, self.BODY, "Hi Sam,\n\nThank you.\n\nBest,\nKim") == []

    def test_missing_is_one_finding_at_the_sign_off(self, tmp_path: Path) -> None:
        text = "Hi Sam,\n\nI'm ending our work.\n\nBest regards,\nKim"
        (finding,) = lint(tmp_path, self.BODY, text)
        assert (finding.line, finding.column) == (5, 1)
        assert text[finding.offset:finding.end_offset] == "Best regards,"

    def test_opening_placement_points_after_the_greeting(self, tmp_path: Path) -> None:
        body = self.BODY.replace("signoff", "opening")
        (finding,) = lint(tmp_path, body, "Dear Sam,\n\nI'm ending our work.\n\nKim")
        assert finding.line == 3

    def test_a_placeholder_counts_as_a_name(self, tmp_path: Path) -> None:
        body = "    kind: required\n    patterns: ['thank you, Alex']\n"
        assert lint(tmp_path, body, "Thank you, {{ client_name }}.") == []

    def test_an_empty_draft_has_nothing_missing(self, tmp_path: Path) -> None:
        assert lint(tmp_path, self.BODY, "   \n") == []


class TestMetric:
    def test_words_over_max(self, tmp_path: Path) -> None:
        body = "    kind: metric\n    metric: words\n    max: 5\n"
        assert lint(tmp_path, body, "One two three. Four five.") == []
        (finding,) = lint(tmp_path, body, "One two three. Four five six. Seven.")
        assert " 7" in finding.message and finding.line == 1

    def test_each_long_sentence(self, tmp_path: Path) -> None:
        body = "    kind: metric\n    metric: sentence-words\n    max: 3\n"
        text = "One two three four. Short one. Five six seven eight nine."
        assert len(lint(tmp_path, body, text)) == 2

    def test_grade_through_textstat(self, tmp_path: Path) -> None:
        body = "    kind: metric\n    metric: grade\n    max: 8\n"
        hard = ("Notwithstanding considerable organisational restructuring, strategic prioritisation "
                "necessitates discontinuation of comparatively lower-margin engagements.")
        assert lint(tmp_path, body, "I am ending our work. Thank you.") == []
        assert len(lint(tmp_path, body, hard)) == 1


class TestShouting:
    BODY = "    kind: shouting\n    allow: [PDF]\n    words: ['NO']\n    min-letters: 6\n"

    @pytest.mark.parametrize(
        ("text", "shouted"),
        [
            ("There is NO discount.", ["NO"]),
            ("I said STOP NOW.", ["STOP NOW"]),
            ("It was COMPLETELY wrong.", ["COMPLETELY"]),
            ("The PDF and the VAT note.", []),
            ("Hello {{ CLIENT_NAME }}, thanks.", []),
        ],
    )
    def test_capitals(self, tmp_path: Path, text: str, shouted: list[str]) -> None:
        assert spans(lint(tmp_path, self.BODY, text), text) == shouted


class TestSatisfiedBy:
    """A required rule is satisfied when rules it names found something: a draft
    that blames the client has given its reason (the blame rules report that)."""

    def test_findings_of_the_named_rules_satisfy_the_requirement(self, tmp_path: Path) -> None:
        folder = tmp_path / "pack"
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "p.yaml").write_text(
            HEAD.replace("test.rule", "test.said-why").replace("TL9001", "TL9002")
            + "    kind: required\n    satisfied-by: [test.accuses]\n    patterns: ['because']\n"
            + HEAD.split("rules:\n", 1)[1].replace("test.rule", "test.accuses")
            + "    kind: phrase\n    patterns: ['you failed']\n",
            encoding="utf-8",
        )
        # Selecting only the requirement: the named rule still counts, silently.
        linter = Linter(Config(lang="en", rules=[str(folder)], select=["test.said-why"]))
        assert linter.lint_text("I am ending our work.") != []
        assert linter.lint_text("I am ending our work because the scope grew.") == []
        assert linter.lint_text("You failed to pay, so I am ending our work.") == []
