"""The one-pass prefilter finds exactly what a plain regex scan finds."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonelint import prefilter
from tonelint.document import DocumentBuilder, Span
from tonelint.kinds.base import compile_patterns, pattern_source

WORDS = ["you", "your", "we", "I", "i", "failed", "fail", "sadly", "Sad", "ok", "don't", "to",
         "the", "team", "YOU", "youth", "we're", "Weg", "x", "é", "über"] * 20 + ["ſad", "İt"]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "'", "’", "-", "!", "(", ")"]


def doc_of(text: str):
    builder = DocumentBuilder("t.txt", text)
    builder.verbatim(0, len(text))
    return builder.build()


def plain_scan(regex, doc, by_sentence: bool) -> list[tuple[int, int]]:
    """What the regex finds without the prefilter: sentence by sentence, or in the whole text."""
    if by_sentence:
        return [m.span() for s in doc.sentences for m in regex.finditer(doc.text, s.start, s.end)]
    return [m.span() for m in regex.finditer(doc.text)]


def scan(patterns: list[str], text: str, case: bool = False, start: int = 0, end: int | None = None):
    regex = compile_patterns(patterns, case, True)
    keys = prefilter.keys(patterns, regex.flags)
    doc = doc_of(text)
    prefilter.KeySet(keys or ()).prime(doc)
    stop = len(doc.text) if end is None else end
    plain = [m.span() for m in regex.finditer(doc.text, start, stop)]
    fast = [m.span() for m in prefilter.finditer(regex, keys, doc, start, stop)]
    return plain, fast, keys


atoms = st.sampled_from(["you", "your", "we", "i", "fail(?:ed|ure)?", "sad(?:ly)?", "to", "the",
                         "ok!", "don't", "(?:really )?bad", "über", "t[eo]am", "\\w+ly", "x+",
                         "(?:we|i) (?:have |had )?failed", "you(?:r team)?", "(?:\\w+ ){0,3}failed",
                         "(?:\\w+ )?team", "i'm", "(?:we|you) (?:are|were) (?:\\w+ ){0,2}sad",
                         "\\w+ly (?:bad|sad)"])
# words in a row, or alternatives (which the prefilter takes apart)
patterns = st.lists(st.tuples(st.lists(atoms, min_size=1, max_size=3), st.sampled_from([" ", "|"])).map(
    lambda words_glue: words_glue[1].join(words_glue[0])), min_size=1, max_size=4)
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(patterns, texts, st.booleans(), st.data())
def test_same_matches_as_a_full_scan(pats: list[str], text: str, case: bool, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain, fast, _ = scan(pats, text, case, start, end)
    assert fast == plain


@pytest.mark.parametrize("pattern, expected", [
    ("you (?:have |had )?(?:failed|neglected) to", {"you"}),
    ("we|I", {"we", "i"}),
    ("(?:really )?bad", {"rea", "bad"}),
    ("ok!", {"ok"}),
])
def test_keys_are_the_words_a_match_starts_with(pattern: str, expected: set[str]) -> None:
    assert prefilter.keys([pattern], re.IGNORECASE) == expected


W = prefilter.parse.WORDS  # stands for \w+ in a head


@pytest.mark.parametrize("pattern, expected", [
    ("you knew|you (?:should|could) have", {("you knew", True), ("you should h", False), ("you could ha", False)}),
    ("we (?:\\w+ )?can't", {("we can't", True), (f"we {W} can't", True)}),
    ("you (?:\\w+ ){0,2}blamed", {("you blamed", True), (f"you {W} blamed", False), (f"you {W} {W} blam", False)}),
    ("i (?:\\w+ly )*failed", {("i failed", True), (f"i {W}ly ", False)}),  # after a round of *: unknown
])
def test_heads_are_what_every_match_begins_with_words_and_spaces_alike(pattern: str, expected: set) -> None:
    """The merged pass tries "you" only where what follows can start a match."""
    assert prefilter.parse.heads(pattern, re.IGNORECASE, limit=12) == expected


@pytest.mark.parametrize("pattern", [r"\w+ly", "a+", "x{2}yy", "'cause", ".*", "[a-z]+ing"])
def test_patterns_that_may_start_anywhere_scan_everything(pattern: str) -> None:
    assert prefilter.keys([pattern], re.IGNORECASE) is None


def test_case_folding_the_regex_engine_knows_falls_back_to_a_full_scan() -> None:
    # The long s matches "s" case-insensitively but str.lower() keeps it apart.
    plain, fast, keys = scan(["sadly"], "ſadly and Sadly")
    assert keys == {"sad"} and fast == plain == [(0, 5), (10, 15)]


def test_special_set_covers_this_pythons_case_folding() -> None:
    _sre = pytest.importorskip("_sre")
    casefix = pytest.importorskip("re._casefix")
    derived = {chr(c) for c, extra in casefix._EXTRA_CASES.items() for c in (c, *extra)}
    derived |= {chr(c) for c in range(0x250) if chr(c).lower() != chr(_sre.unicode_tolower(c))}
    assert {c for c in derived if not c.isascii()} <= set(prefilter.SPECIAL), sys.version


def test_an_ascii_text_folds_plainly_and_one_special_character_sends_a_text_the_plain_way() -> None:
    from tonelint.prefilter.parse import folds_plainly

    assert not any(c.isascii() for c in prefilter.SPECIAL)  # so an ASCII text needs no search
    assert folds_plainly("Sadly, we end it.") and folds_plainly("Köszönjük, hogy velünk dolgozott.")
    assert not folds_plainly("ſadly") and not folds_plainly("Köszönjük ſ")


@settings(max_examples=300, deadline=None)
@given(patterns, texts, st.booleans(), st.lists(st.integers(0, 400), max_size=12))
def test_spans_walk_finds_what_each_span_scan_finds(pats: list[str], text: str, case: bool,
                                                    cuts: list[int]) -> None:
    regex = compile_patterns(pats, case, True)
    keys = prefilter.keys(pats, regex.flags)
    doc = doc_of(text)
    prefilter.KeySet(keys or ()).prime(doc)
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    spans = [Span(a, b) for a, b in zip(bounds, bounds[1:]) if b > a][::2]  # every other piece
    plain = [m.span() for s in spans for m in regex.finditer(doc.text, s.start, s.end)]
    assert [m.span() for m in prefilter.finditer_spans(regex, keys, doc, spans)] == plain
    assert [m.span() for m in prefilter.finditer_spans(regex, keys, doc, doc.sentences)] == [
        m.span() for s in doc.sentences for m in regex.finditer(doc.text, s.start, s.end)]


def test_a_span_that_ends_inside_a_word_sees_its_head_as_a_word() -> None:
    regex = compile_patterns(["we"], False, True)
    keys = prefilter.keys(["we"], regex.flags)
    doc = doc_of("so Weg and we")
    prefilter.KeySet(keys or ()).prime(doc)
    spans = [Span(0, 5), Span(7, 13)]  # "so We" | "and we"
    found = [m.span() for m in prefilter.finditer_spans(regex, keys, doc, spans)]
    assert found == [(3, 5), (11, 13)]
    assert [m.span() for m in prefilter.finditer(regex, keys, doc, 0, 5)] == [(3, 5)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(patterns, st.booleans(), st.booleans()), min_size=1, max_size=5), texts)
def test_rules_merged_into_one_pass_find_what_each_finds_alone(rules, text: str) -> None:
    """Whole-text rules and sentence-by-sentence rules (``scope: sentence``) alike."""
    compiled = []
    for pats, case, by_sentence in rules:
        pats = pats + ["(b)(?:c|(d))"]  # groups shift numbering
        regex = compile_patterns(pats, case, True)
        by_key, rest = prefilter.split(pats, regex.flags)
        keys = frozenset(by_key) if by_key is not None else None
        sources = by_key or {}
        rest_regex = compile_patterns(rest, case, True) if rest else None
        compiled.append((regex, keys, sources, by_sentence, rest_regex))
    scans = [(r, k, s, by_sentence) for r, k, s, by_sentence, _ in compiled if k is not None]
    doc = doc_of(text)
    keyset = prefilter.KeySet({k for _, ks, _, _ in scans for k in ks}, scans)
    assert keyset.merged_scans  # the test is about them
    keyset.prime(doc)
    for regex, keys, _, by_sentence, rest_regex in compiled:
        if by_sentence:
            found = prefilter.finditer_spans(regex, keys, doc, doc.sentences, rest_regex, sentences=True)
        else:
            found = prefilter.finditer(regex, keys, doc, rest=rest_regex)
        assert [m.span() for m in found] == plain_scan(regex, doc, by_sentence)
        # a rule whose patterns all have keys reads its spans from the pass, matching none again
        spans = prefilter.hit_spans(doc, prefilter.ident(regex, by_sentence))
        if rest_regex is None and spans is not None:
            assert list(spans) == plain_scan(regex, doc, by_sentence)


@pytest.mark.parametrize("by_sentence", [False, True])
def test_a_match_read_from_the_pass_hides_one_that_starts_inside_it(by_sentence: bool) -> None:
    regex = compile_patterns(["you (?:\\w+ ){0,3}failed", "we tried"], False, True)
    by_key, _ = prefilter.split(["you (?:\\w+ ){0,3}failed", "we tried"], regex.flags)
    doc = doc_of("So you said you failed. We tried. You failed!")
    keyset = prefilter.KeySet(set(by_key), [(regex, frozenset(by_key), by_key, by_sentence)])
    keyset.prime(doc)
    assert prefilter.primed(doc, prefilter.ident(regex, by_sentence)) == [3, 12, 24, 34]  # "you" at 12 too
    assert list(prefilter.hit_spans(doc, prefilter.ident(regex, by_sentence)) or ()) == [(3, 22), (24, 32), (34, 44)]


def test_a_scan_that_refers_to_its_own_groups_is_not_merged() -> None:
    regex = compile_patterns([r"(you) and \1"], False, True)
    other = compile_patterns(["(you) win"], False, True)
    you = frozenset({"you"})
    keyset = prefilter.KeySet({"you"}, [(regex, you, {"you": [r"(you) and \1"]}, False),
                                        (other, you, {"you": ["(you) win"]}, False)])
    assert keyset.merged_scans == {(other.pattern, other.flags, False)}
    doc = doc_of("you and you, you win")
    keyset.prime(doc)
    assert [m.span() for m in prefilter.finditer(regex, frozenset({"you"}), doc)] == [(0, 11)]
    assert [m.span() for m in prefilter.finditer(other, frozenset({"you"}), doc)] == [(13, 20)]


KEYLESS = [[r"\w+ly", "(?:x )?to the"],  # sentences without "ly" or "to the" are not searched
           ["[\"“']\\w+[\"”']", "🙄"]]  # nor those without a quote mark or the emoji


@settings(max_examples=300, deadline=None)
@given(patterns, texts, st.booleans(), st.booleans(), st.sampled_from(KEYLESS), st.booleans())
def test_patterns_with_and_without_keys_together_find_what_a_full_scan_finds(
        pats: list[str], text: str, case: bool, by_sentence: bool, keyless: list[str], marked: bool) -> None:
    pats = pats + keyless  # no keys: found where they match
    regex = compile_patterns(pats, case, True)
    by_key, rest_patterns = prefilter.split(pats, regex.flags)
    keys = frozenset(by_key) if by_key is not None else None
    rest = compile_patterns(rest_patterns, case, True) if rest_patterns else None
    doc = doc_of(text + (" 'so' “x” 🙄 sadly" if marked else ""))  # or maybe no mark at all
    prefilter.KeySet(keys or ()).prime(doc)
    if by_sentence:
        marks = prefilter.marks(rest.pattern, rest.flags) if rest is not None else None
        # quote marks and emoji start a match: it is tried only there
        at_marks = rest is not None and marks == prefilter.caseless_first(rest.pattern, rest.flags)
        found = prefilter.finditer_spans(regex, keys, doc, doc.sentences, rest, sentences=True, rest_marks=marks,
                                         rest_at_marks=at_marks)
    else:
        found = prefilter.finditer(regex, keys, doc, rest=rest)
    assert [m.span() for m in found] == plain_scan(regex, doc, by_sentence)


def test_a_rest_that_starts_with_quote_marks_is_tried_only_at_them() -> None:
    rest = compile_patterns(KEYLESS[1], False, True)
    marks = prefilter.marks(rest.pattern, rest.flags)
    assert marks == prefilter.caseless_first(rest.pattern, rest.flags) == ('"', "'", "“", "🙄")


first_atoms = st.sampled_from(["!{3,}", "\\?+!", "\\(!+\\)", "🙄|😒", "[\"“']\\w+[\"”']", "(?i:k)ey", "(?-i:K)ey",
                               "(?:so|frankly)?,? I", "x?y", "(?:ab)*c", "é|É", "K", "ſ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(first_atoms, min_size=1, max_size=3), texts, st.booleans(), st.booleans())
def test_a_first_character_shortcut_finds_what_the_pattern_finds(
        pats: list[str], text: str, case: bool, boundaries: bool) -> None:
    source = pattern_source(pats, boundaries)
    flags = 0 if case else re.IGNORECASE
    first = prefilter.first_chars(source, flags)
    text += " K key KEY Key ſ !!! ?! (!) é É “so” 'x'"
    plain = re.compile(source, flags)
    fast = re.compile(f"(?={first}){source}" if first else source, flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(first_atoms, min_size=1, max_size=3), texts, st.booleans(), st.booleans())
def test_a_pattern_tried_only_where_str_find_sees_its_first_characters_finds_the_same(
        pats: list[str], text: str, case: bool, boundaries: bool) -> None:
    source = pattern_source(pats, boundaries)
    flags = 0 if case else re.IGNORECASE
    doc = doc_of(text + " K key !!! ?! (!) “so” 'x' 🙄")
    regex = re.compile(source, flags)
    starts = prefilter.caseless_first(source, flags)
    positions = prefilter.char_positions(doc, starts)
    if starts is None:
        assert any(re.search(r"\w", atom) for atom in pats)  # letters fold: no shortcut
        return
    assert positions is not None
    found = prefilter.match_at(regex, doc.text, positions)
    assert [m.span() for m in found] == [m.span() for m in regex.finditer(doc.text)]


@pytest.mark.parametrize(("pattern", "expected"), [
    ("a|b(?:c|d)", ["a", "b(?:c|d)"]),
    ("a\\|b|c", ["a\\|b", "c"]),
    ("[|]x|[]|]y|[^]|]z", ["[|]x", "[]|]y", "[^]|]z"]),
    ("(a)|\\1", ["(a)|\\1"]),  # the second cannot stand alone
])
def test_patterns_are_taken_apart_at_their_top_level_bars(pattern: str, expected: list[str]) -> None:
    assert prefilter.alternatives(pattern) == expected


need_atoms = st.sampled_from(["NO WAY", "!{3,}", "\\?+!", "!+\\?[!?]*", "\\(!+\\)", "(?:the )?time", "x?y", "late (?:fee|payment)s?",
                              "that's it", "(?:\\w+ )?(?:missed|late) payments?", "a{2,}b", "[ab]c", "you|we"])


@settings(max_examples=300, deadline=None)
@given(st.lists(need_atoms, min_size=1, max_size=3), st.lists(st.tuples(
    st.sampled_from(["NO WAY", "!!!", "?!", "!?", "(!)", "time", "The time", "late fees", "that's it", "missed payment",
                     "aab", "bc", "You", "x", "y", "?"]), st.sampled_from([" ", "", ". "])), max_size=20),
       st.booleans(), st.booleans())
def test_every_match_holds_one_of_the_strings_it_needs(pats, parts, case: bool, boundaries: bool) -> None:
    text = "".join(w + s for w, s in parts)
    source = pattern_source(pats, boundaries)
    flags = 0 if case else re.IGNORECASE
    wanted = prefilter.needs(source, flags)
    if wanted is None:
        return
    for m in re.finditer(source, text, flags):
        assert any(s in m.group().lower() for s in wanted), (wanted, m.group())
    if not any(s in text.lower() for s in wanted):  # what the rules ask before they scan
        assert re.search(source, text, flags) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n\u3000", max_size=300), st.integers(1, 40))
def test_pieces_cover_the_text_and_end_after_its_last_space(text: str, size: int) -> None:
    cuts = list(prefilter.pieces(text, size))
    assert "".join(text[s:e] for s, e in cuts) == text
    for s, e in cuts[:-1]:
        window = text[s:s + size]
        last = max(i for i, c in enumerate(window) if c.isspace()) if any(c.isspace() for c in window) else None
        assert e == (s + last + 1 if last is not None else e) and text[e - 1].isspace()


def test_a_match_whose_head_runs_past_a_piece_of_the_text_is_still_found() -> None:
    """The merged pass reads a long text a piece at a time; what follows a key
    may lie in the next piece (here a long word between "you" and "blamed")."""
    pats = ["you (?:\\w+ ){0,2}blamed"]
    regex = compile_patterns(pats, False, True)
    by_key, _ = prefilter.split(pats, regex.flags)
    keys = frozenset(by_key)
    cut = 1 << 16  # where the pass cuts its first piece (after the last space before it)
    for offset in range(1, 40, 3):
        head = "ab " * ((cut - offset) // 3)
        text = head + "you " + "w" * 60 + " blamed me. " + "ab " * 10
        doc = doc_of(text)
        prefilter.KeySet(keys, [(regex, keys, by_key, False)]).prime(doc)
        found = [m.span() for m in prefilter.finditer(regex, keys, doc)]
        assert found == [m.span() for m in regex.finditer(text)] != [], offset
