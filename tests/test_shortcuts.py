"""Shortcuts taken for speed give what the plain way gives."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tonelint.document import DocumentBuilder
from tonelint.finding import Severity
from tonelint.kinds.base import Meta
from tonelint.kinds.metric import Metric
from tonelint.kinds.shouting import Shouting
from tonelint.placeholders import BUILTIN, BUILTIN_STARTS, Placeholders
from tonelint.readers import ReadOptions
from tonelint.readers.quotes import author_pieces, by_line

WORDS = ["NO", "NEVER", "Never", "no", "PDF", "I", "A", "OK", "DON'T", "don’t", "ÉPP", "Élise",
         "ő", "ÁÁ", "x", "VAT", "ASAP", "Dear", "{{ client }}", "${name}", "[Client Name]", "%DATE%",
         "<<who>>", "{% if x %}", "{# note #}", "{0}", "$5", "50%", "<b>", "[link](x)"]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "\n\n", "\r\n", "-", "!", "1"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts))


def doc_of(text: str):
    builder = DocumentBuilder("t.txt", text)
    builder.verbatim(0, len(text))
    return builder.build()


SHOUTING = Shouting(
    Meta(id="x.shouting", code="TL999", kind="shouting", category="unfriendly",
         severity=Severity.WARNING, message="{match}", lang="en"),
    {"min-letters": 4, "allow": ["PDF", "VAT"], "words": ["NO", "DON'T"], "max-common": 0},
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_shouting_reads_only_lines_with_capitals_and_finds_the_same(text: str) -> None:
    doc = doc_of(text)
    loud: list = []
    common: list = []
    SHOUTING._scan(doc, 0, len(doc.text), loud, common)  # every word of the text
    if len(common) > SHOUTING.options["max-common"]:
        loud += common
    assert list(SHOUTING.check(doc)) == sorted(loud)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 12))
def test_capitals_found_with_bytes_find_are_where_the_regex_finds_them(text: str, piece: int) -> None:
    from tonelint.kinds import shouting

    expected = [m.start() for m in shouting._MAYBE_CAPS.finditer(text)]
    ascii_only = text.encode("ascii", "ignore").decode()
    expected_ascii = [m.start() for m in shouting._MAYBE_CAPS.finditer(ascii_only)]
    saved, shouting._PIECE = shouting._PIECE, piece  # pairs across the pieces' seams
    try:
        assert list(shouting._maybe_caps(text)) == expected
        assert list(shouting._maybe_caps(ascii_only)) == expected_ascii
    finally:
        shouting._PIECE = saved


@settings(max_examples=300, deadline=None)
@given(texts)
def test_placeholder_shortcut_finds_the_same_placeholders(text: str) -> None:
    plain = re.compile("|".join(f"({p})" for p, _ in BUILTIN), re.DOTALL)
    expected = [(m.start(), m.end(), m.lastindex) for m in plain.finditer(text)]
    fast = Placeholders()._regex
    assert [(m.start(), m.end(), m.lastindex) for m in fast.finditer(text)] == expected
    # and where str.find finds the characters they start with (a part of the text too)
    names = [name for _, name in BUILTIN]
    for start, end in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
        plain_part = [(m.start(), m.end(), names[m.lastindex - 1]) for m in plain.finditer(text, start, end)]
        assert list(Placeholders().finditer(text, start, end)) == plain_part


def test_every_builtin_placeholder_starts_with_a_listed_character() -> None:
    samples = ["{{!-- c --}}", "{{! c }}", "{{#each x}}", "{{{ client }}}", "{{ client }}", "{% if %}", "{# c #}",
               "${client}", "{client}", "%DATE%", "<<client>>", "[Client Name]"]
    assert len(samples) == len(BUILTIN)
    for (pattern, _), sample in zip(BUILTIN, samples):
        assert re.fullmatch(pattern, sample, re.DOTALL), pattern
        assert sample[0] in BUILTIN_STARTS


@settings(max_examples=200, deadline=None)
@given(texts)
def test_word_counts_without_spans_agree_with_the_spans(text: str) -> None:
    doc = doc_of(text)
    assert doc.word_count == len(doc.words)
    for s in doc.sentences:
        assert doc.count_words(s.start, s.end) == sum(1 for w in doc.words if s.start <= w.start < s.end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=20), st.integers(0, 60), st.integers(0, 10))
def test_sorted_spans_answer_as_a_scan_of_every_span(cuts: list[int], start: int, width: int) -> None:
    from tonelint.kinds.base import SortedSpans

    bounds = sorted(set(cuts))
    spans = list(zip(bounds[::2], bounds[1::2]))  # in order, not overlapping
    end = start + width
    sorted_spans = SortedSpans(spans)
    assert sorted_spans.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert sorted_spans.containing(start, end) == any(s <= start and end <= e for s, e in spans)


MAIL_WORDS = ["Hi", "thanks", "> quoted", ">", "-- ", "--", "On 3 May, Ann wrote:", "On Monday", "Ann wrote:",
              "Kati ezt írta (2025. 05. 02.):", "From: Ann <a@b.c>", "Sent: Monday", "Feladó: X",
              "-----Original Message-----", "WROTE", "Írta:", "x"]
mails = st.lists(st.tuples(st.sampled_from(MAIL_WORDS), st.sampled_from(["\n", "\r\n", " ", "\n\n", ""])),
                 max_size=30).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(mails, st.booleans(), st.booleans())
def test_quote_shortcut_finds_the_same_author_pieces(text: str, quoted: bool, signature: bool) -> None:
    options = ReadOptions(Placeholders(), lint_quoted=quoted, lint_signature=signature)
    assert author_pieces(text, 0, len(text), options) == by_line(text, 0, len(text), options)


def test_a_long_text_counts_its_words_a_piece_at_a_time_and_finds_as_many() -> None:
    text = " ".join(WORDS * 1500) + "\n"  # far past one piece, words of every kind at the cuts
    doc = doc_of(text)
    assert len(text) > 1 << 17
    assert doc.word_count == len(doc.words)


LINE_TEXTS = st.lists(st.sampled_from(["a", "b c", "\n", "\n\n", "\r\n", "\r", "é", " "]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(LINE_TEXTS)
def test_line_starts_are_where_each_line_break_ends(text: str) -> None:
    from tonelint.document import LineIndex

    assert LineIndex(text).starts == [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


# The sentence break without the look-ahead that passes the spaces between words.
PLAIN_BREAK = re.compile(
    r"(?=[\"')\]\s])(?:(?<=[.!?…])[\"')\]]*[ \t]+|(?<![ \t])[ \t]*\n[ \t]*(?:\n[ \t]*)+"
    r"|(?<=[.!?…:,;])[ \t]*\n[ \t]*|(?<![ \t])[ \t]*\n(?=[ \t]*(?:[-*•–]|\d+[.)])[ \t]))")
SENTENCE_TEXTS = st.lists(st.sampled_from(["Yes", "no", ".", "!", "?", "…", ":", ",", " ", "  ", "\t", "\n",
                                           "\"", "'", ")", "]", "- ", "1. ", "2) ", "•"]), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(SENTENCE_TEXTS)
def test_sentence_breaks_are_those_of_the_plain_pattern(text: str) -> None:
    from tonelint.document import _SENTENCE_BREAK

    assert [m.span() for m in _SENTENCE_BREAK.finditer(text)] == [m.span() for m in PLAIN_BREAK.finditer(text)]


def _metric(metric: str, limit: int) -> Metric:
    meta = Meta(id=f"x.{metric}", code="TL998", kind="metric", category="length",
                severity=Severity.INFO, message="{value}", lang="en")
    return Metric(meta, {"metric": metric, "max": limit, "min-words": 0})


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 12))
@example("I a x I a x I.", 6)  # one-letter words: as many as a sentence of its length can hold
def test_length_rules_count_only_the_sentences_they_need_and_find_the_same(text: str, limit: int) -> None:
    doc = doc_of(text)
    counts = [len(re.findall(r"\w+(?:['’]\w+)*", doc.text[s.start:s.end])) for s in doc.sentences]
    long = [(s.start, n) for s, n in zip(doc.sentences, counts) if n > limit]
    assert [(h.start, h.values["value"]) for h in _metric("sentence-words", limit).check(doc)] == long
    # the length rule points at the sentence where the running count crosses the limit
    running = [sum(counts[:i + 1]) for i in range(len(counts))]
    crossing = [s.start for s, seen in zip(doc.sentences, running) if seen > limit][:1]
    assert [h.start for h in _metric("words", limit).check(doc)] == crossing
