"""tonelint's Flesch-Kincaid grade is textstat's, figure for figure, without textstat."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonelint import textmetrics

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted((ROOT / "bench" / "drafts").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))

WORDS = ["we", "decided", "to", "end", "the", "contract", "unfortunately", "don't", "DON'T", "it's",
         "you'll", "'quoted'", "re-organisation", "extraordinarily", "invoice", "Thank", "you",
         "naïve", "café", "köszönjük", "együttműködést", "szerződés", "12", "3.5", "A", "I",
         "--", "_id", "(see", "“quoted”", "'", "’tis", "x'y"]  # tokens punctuation is stripped from
SEPARATORS = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", " - ", "; ", "... ", "' "]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts))


def textstat_grade(text: str, lang: str) -> float:
    return float(textmetrics._stats(lang).flesch_kincaid_grade(text))


@settings(max_examples=150, deadline=None)
@given(texts, st.just("en"))
def test_grade_is_textstats(text: str, lang: str) -> None:
    assert textmetrics.grade(text, lang) == pytest.approx(textstat_grade(text, lang), abs=1e-9)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_grade_of_the_shipped_drafts_is_textstats(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert textmetrics.grade(text, "en") == pytest.approx(textstat_grade(text, "en"), abs=1e-9)


def test_patterns_are_pyphens() -> None:
    pyphen = pytest.importorskip("pyphen")
    for lang, name in (("en", "en_US"),):
        ours = textmetrics._hyphenator(lang)
        theirs = pyphen.Pyphen(lang=name)
        for word in ["hyphenation", "extraordinarily", "contract", "együttműködést", "a", "naïve"]:
            assert ours._count(word) == len(theirs.positions(word)) + 1, (lang, word)


def test_a_grade_imports_neither_textstat_nor_pyphen(tmp_path: Path) -> None:
    code = ("import sys; from tonelint import textmetrics; "
            "g = textmetrics.grade('We decided to end the contract. Thank you for the work.', 'en'); "
            "print(g, 'textstat' in sys.modules, 'pyphen' in sys.modules)")
    for _ in range(2):  # the second run reads the patterns from the cache
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"TONELINT_CACHE_DIR": str(tmp_path), "PATH": ""}).stdout.split()
        assert out[1:] == ["False", "False"]
    assert list(tmp_path.glob("hyphen-en-*.pickle"))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_long_texts_words_counted_token_by_token_are_textstats_words(text: str) -> None:
    from collections import Counter

    assert textmetrics._word_counts_by_token(text) == Counter(textmetrics._words(text))


@settings(max_examples=100, deadline=None)
@given(texts, st.integers(1, 40))
def test_chunks_cut_only_after_white_space(text: str, size: int) -> None:
    chunks = list(textmetrics._chunks(text, size))
    assert "".join(chunks) == text
    assert all(c and c[-1].isspace() for c in chunks[:-1])


def test_grade_of_a_text_longer_than_a_chunk_is_textstats() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in DRAFTS) * 60  # about 400 KB
    assert len(text) > 4 * (1 << 16)
    assert textmetrics.grade(text, "en") == pytest.approx(textstat_grade(text, "en"), abs=1e-9)
