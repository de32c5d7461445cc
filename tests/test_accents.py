"""`accents: loose` (any phrase kind and substitution): drafts typed without accents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonelint.config import Config
from tonelint.document import fold_accents
from tonelint.engine import Linter
from tonelint.errors import TonelintError

PACK = """\
rules:
  - id: test.thanks
    code: TL9901
    kind: phrase
    category: unfriendly
    severity: warning
    message: m
    accents: {accents}
    patterns: ['köszön\\w*']
    exceptions: ['köszönöm a semmit']
    examples: {{flag: [köszönöm], pass: [szia]}}
  - id: test.plain
    code: TL9902
    kind: substitution
    category: style
    severity: info
    message: m
    accents: {accents}
    swap: {{'(haladékta)lanul': 'azonnal (\\1)'}}
    examples: {{flag: [haladéktalanul], pass: [azonnal]}}
"""


def linter(tmp_path: Path, accents: str) -> Linter:
    folder = tmp_path / "pack"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "test.yaml").write_text(PACK.format(accents=accents), encoding="utf-8")
    return Linter(Config(lang="en", rules=[str(folder)], select=["test"]))


def rules(findings: list) -> list[str]:
    return [f.rule for f in findings]


@pytest.mark.parametrize("text", ["Köszönöm!", "Koszonom!", "KÖSZÖNÖM", "Köszonöm", "Kõszõnöm"])
def test_loose_matches_with_and_without_accents(tmp_path: Path, text: str) -> None:
    assert rules(linter(tmp_path, "loose").lint_text(text)) == ["test.thanks"]


def test_exact_needs_the_accents(tmp_path: Path) -> None:
    lint = linter(tmp_path, "exact")
    assert rules(lint.lint_text("Köszönöm!")) == ["test.thanks"]
    assert rules(lint.lint_text("Koszonom!")) == []


def test_loose_positions_point_into_the_draft(tmp_path: Path) -> None:
    [f] = linter(tmp_path, "loose").lint_text("Szia!\nÍgy: koszonom.")
    assert (f.line, f.column, f.end_column) == (2, 6, 14)


def test_exceptions_are_folded_too(tmp_path: Path) -> None:
    assert rules(linter(tmp_path, "loose").lint_text("Koszonom a semmit.")) == []


def test_loose_substitution_keeps_the_drafts_spelling(tmp_path: Path) -> None:
    lint = linter(tmp_path, "loose")
    [typed] = lint.lint_text("Haladektalanul küldöm.")
    [accented] = lint.lint_text("Haladéktalanul küldöm.")
    assert typed.replacement == "Azonnal (Haladekta)"
    assert accented.replacement == "Azonnal (Haladékta)"


def test_accents_must_be_loose_or_exact(tmp_path: Path) -> None:
    with pytest.raises(TonelintError, match="'sloppy' is not one of"):
        linter(tmp_path, "sloppy")


def test_folding_keeps_length_and_every_position() -> None:
    text = "Árvíztűrő tükörfúrógép, ÁRVÍZTŰRŐ; façade, naïve, señor"
    folded = fold_accents(text)
    assert folded == "Arvizturo tukorfurogep, ARVIZTURO; facade, naive, senor"
    assert len(folded) == len(text)
