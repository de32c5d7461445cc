"""Figures added up token by token are the figures of the whole text."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonelint import langdetect, textmetrics, tokens
from tonelint.document import _WORD

WORDS = ["the", "The", "you", "you're", "we’ll", "'quoted'", "don't", "köszönöm", "Köszönjük,", "és",
         "hogy.", "e-mail", "end-of-term", "x_y", "2025.", "—", "...", "I'm", "rock'n'roll", "ŐSZ", "naïve"]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "\n\n", "\t", "-", "'", "’", "!"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_language_evidence_is_that_of_the_words(text: str) -> None:
    words = langdetect._head_words(text)
    for lang in ("en", "hu"):
        hits = sum(map(langdetect.PROFILES[lang].folded_words.__contains__, words))
        letters = sum(text.count(c) for c in langdetect.PROFILES[lang].letters)
        assert langdetect.scores(text, ["en", "hu"])[lang] == hits + langdetect.LETTER_WEIGHT * letters


@settings(max_examples=300, deadline=None)
@given(texts)
def test_textstat_words_and_syllables_are_those_of_the_stripped_text(text: str) -> None:
    hyphenator = textmetrics._hyphenator("en")
    counts = Counter(textmetrics._words(text))
    assert hyphenator.words_and_syllables(text) == (sum(counts.values()), hyphenator.syllables(counts))


def test_a_draft_past_the_word_limit_is_judged_on_its_first_words() -> None:
    text = "köszönöm " * langdetect.MAX_WORDS + "the you and " * 400  # the English comes too late
    assert len(text) <= tokens.MAX_TEXT
    assert langdetect.scores(text, ["en", "hu"])["en"] == 0


def test_a_full_table_starts_over_and_still_adds_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "MAX_TOKENS", 3)
    table = tokens.TokenFigures(lambda token: len(_WORD.findall(token)))
    texts = ["a b c d e", "f g-h i", "a a-b-c x'y", ""]
    for text in texts:
        assert table.total(text) == len(_WORD.findall(text))
        assert len(table.known) <= 3 + max(len(set(t.split())) for t in texts)  # never grows past


@given(st.lists(st.integers(0, tokens.MASK // 50), min_size=1, max_size=4), st.integers(1, 50))
def test_packed_figures_add_up_field_by_field(figures: list[int], times: int) -> None:
    """No field carries into the next while each stays within its bits."""
    total = sum([tokens.pack(figures)] * times)
    assert tokens.unpack(total, len(figures)) == tuple(n * times for n in figures)


def test_a_text_split_again_gives_its_own_tokens() -> None:
    """The split kept for the next figure of the same text is never another text's."""
    a, b = "one two three", "four five"
    assert tokens.split(a) == ["one", "two", "three"]
    assert tokens.split(b) == ["four", "five"]
    assert tokens.split("one two three") == ["one", "two", "three"]  # equal, not the same object
    assert tokens.split(a) is tokens.split(a)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_the_first_text_is_read_whole_and_adds_up_the_same(first: str, second: str) -> None:
    """A one-draft run learns no tokens; the next text is added up token by token."""
    table = tokens.TokenFigures(lambda token: len(_WORD.findall(token)))
    assert table.total(first) == len(_WORD.findall(first)) and table.known == {}
    assert table.total(second) == len(_WORD.findall(second))
    assert set(table.known) == set(second.split())
