"""Readability figures, computed as textstat 0.7.8 computes them, without its cost.

textstat 0.7.8 looks English words up in the CMU dictionary (1.3 s to load) and
0.7.9+ downloads that dictionary through nltk at run time, which fails offline.
tonelint takes textstat's pyphen path: named ``en-US`` (not ``en_US``), English
skips the CMU lookup and counts syllables with pyphen's hyphenation patterns.

Importing textstat (75 ms) and parsing pyphen's pattern file (70 ms) would be
most of a single-draft run, so the Flesch-Kincaid grade is computed here, step
for step as textstat does it (tests/test_textmetrics.py compares the two), with
pyphen's patterns parsed once and kept in tonelint's cache, and each distinct
word hyphenated once. Reading ease still goes through textstat.

Hungarian does not go through textstat: its syllables are its vowel letters
(every syllable has one, and the spelling has no diphthongs), so counting vowels
is exact and costs nothing, where pyphen's ``hu_HU`` dictionary takes 0.8 s to
load and still undercounts ("a-ki", "ó-ra" come out as one syllable). The same
Flesch formulas are applied to the same sentences and words the rules see
(:func:`tonelint.document.split_sentences`), which unlike textstat's splitter do
not end a sentence at every ordinal ("2025. május 2-án").
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import tokens
from .patterns import POSSESSIVE

# tonelint language -> the name textstat gets (its pyphen dictionary).
TEXTSTAT_LANG = {"en": "en-US"}
# tonelint language -> pyphen's pattern file (what Pyphen(lang=...) picks for the above).
PYPHEN_FILE = {"en": "hyph_en_US.dic"}

# Languages whose syllables are counted as vowel letters, and their vowels.
VOWELS: dict[str, frozenset[str]] = {"hu": frozenset("aáeéiíoóöőuúüűAÁEÉIÍOÓÖŐUÚÜŰ")}

# Flesch reading ease per language: base, per word a sentence, per syllable a
# word. Hungarian's are textstat's own (backend/utils/constants.py, "hu").
READING_EASE = {"hu": (206.835, 1.015, 58.5)}

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# textstat.backend.utils.constants, 0.7.8
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# A white-space-separated token that holds a word character: what _words keeps
# of a token (apostrophes it keeps are followed by letters). Tried at token
# starts only, without backtracking: linear.
_TOKEN_WITH_WORD = re.compile(rf"(?<!\S)[^\s\w]*{POSSESSIVE}\w")
# pyphen: "^^hh" escapes and digit/letter pairs
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_PAIRS = re.compile(r"(\d?)(\D?)")
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


def grade(text: str, lang: str) -> float:
    """Flesch-Kincaid grade level (school years needed to read ``text``)."""
    if lang in VOWELS:
        per_sentence, per_word = _rates(text, VOWELS[lang])
        if not per_sentence or not per_word:
            return 0.0
        return 0.39 * per_sentence + 11.8 * per_word - 15.59
    if lang not in PYPHEN_FILE:
        return float(_stats(lang).flesch_kincaid_grade(text))
    words, syllables = _hyphenator(lang).words_and_syllables(text)
    sentences = _sentences(text)
    per_sentence = words / sentences if sentences else 0.0
    per_word = syllables / words if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


def reading_ease(text: str, lang: str) -> float:
    """Flesch reading ease: higher is easier (60-70 is plain English)."""
    if lang in VOWELS:
        per_sentence, per_word = _rates(text, VOWELS[lang])
        if not per_sentence or not per_word:
            return 0.0
        base, sentence_weight, syllable_weight = READING_EASE[lang]
        return base - sentence_weight * per_sentence - syllable_weight * per_word
    return float(_stats(lang).flesch_reading_ease(text))


def syllables(word: str, vowels: frozenset[str]) -> int:
    """Vowel letters; a word with none (an abbreviation: "Kft", "db") reads as one."""
    return max(1, sum(1 for c in word if c in vowels))


def _rates(text: str, vowels: frozenset[str]) -> tuple[float, float]:
    """(words a sentence, syllables a word), over sentences that hold a word."""
    from .document import split_sentences

    words = _WORD.findall(text)
    sentences = sum(1 for s in split_sentences(text) if _WORD.search(text, s.start, s.end))
    if not words or not sentences:
        return 0.0, 0.0
    return len(words) / sentences, sum(syllables(w, vowels) for w in words) / len(words)


@cache
def _stats(lang: str) -> Any:
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang(TEXTSTAT_LANG.get(lang, lang))
    return ts


def _words(text: str) -> list[str]:
    """textstat's list_words(text): punctuation but contraction apostrophes removed."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


def _word_counts_by_token(text: str) -> Counter[str]:
    """How often each of textstat's words (see :func:`_words`) occurs in a long
    ``text``: punctuation is stripped from each distinct white-space-separated
    token rather than from the text. The same words, and a long text repeats
    its tokens, most of them plain letters that need no stripping. (Stripping
    never removes white space, so each token gives one word or none.)"""
    tokens: Counter[str] = Counter()
    for chunk in _chunks(text):  # a 50 MB text as one list of tokens would weigh 450 MB
        tokens.update(chunk.split())
    counts: Counter[str] = Counter()
    for token, n in tokens.items():
        if token.isalpha():  # letters are word characters: nothing to strip
            counts[token] += n
        else:
            for word in _words(token):
                counts[word] += n
    return counts


def _sentences(text: str) -> int:
    """textstat's count_sentences: pieces of two words or fewer do not count."""
    if not text:
        return 0
    found = short = 0
    for m in _SENTENCE.finditer(text):
        found += 1
        parts = m.group().split(None, 3)
        if len(parts) < 3:
            short += 1
        elif not (parts[0][0].isalnum() and parts[1][0].isalnum() and parts[2][0].isalnum()):
            # a token that starts with a word character is a word: three are
            # enough; otherwise count (a token of punctuation alone is none)
            short += len(_TOKEN_WITH_WORD.findall(m.group())) <= 2
    return max(1, found - short)


def _chunks(text: str, size: int = 1 << 16) -> Iterator[str]:
    """``text`` in pieces that end after white space, so no word (and no
    apostrophe's look at the next character) is cut."""
    from .prefilter import pieces

    for start, end in pieces(text, size):
        yield text[start:end]


class Hyphenator:
    """pyphen's HyphDict.positions with Pyphen's default margins (2, 2), counting
    the syllables of each distinct word once."""

    def __init__(self, patterns: dict[str, str]) -> None:
        self.patterns = patterns  # letters -> "offset,digits" (see parse_patterns)
        self.maxlen = max(map(len, patterns))
        self.memo: dict[str, int] = {}
        self.by_token = tokens.TokenFigures(self._token_figures)

    def words_and_syllables(self, text: str) -> tuple[int, int]:
        """textstat's words in ``text`` (see :func:`_words`) and their syllables."""
        if len(text) <= tokens.MAX_TEXT:  # a draft: token by token (see tonelint.tokens)
            words, syllables = tokens.unpack(self.by_token.total(text), 2)
            return words, syllables
        counts = _word_counts_by_token(text)
        return sum(counts.values()), self.syllables(counts)

    def _token_figures(self, token: str) -> int:
        counts = Counter(_words(token))
        return tokens.pack([sum(counts.values()), self.syllables(counts)])

    def syllables(self, counts: Counter[str]) -> int:
        """The syllables of words, counted (as typed: each is lower-cased here)."""
        memo = self.memo
        total = 0
        for word, times in counts.items():  # a word is looked up once
            n = memo.get(word)
            if n is None:
                n = memo[word] = self._count(word.lower())
            total += n * times
        return total

    def _count(self, word: str) -> int:
        pointed = f".{word.lower()}."
        refs = [0] * (len(pointed) + 1)
        get = self.patterns.get
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + self.maxlen, len(pointed)) + 1):
                found = get(pointed[i:j])
                if found:
                    offset, digits = found.split(",")
                    at = i + int(offset)
                    values = map(int, digits)
                    refs[at:at + len(digits)] = map(max, values, refs[at:at + len(digits)])
        right = len(word) - 2
        return 1 + sum(1 for i, r in enumerate(refs) if r % 2 and 2 <= i - 1 <= right)


@cache
def _hyphenator(lang: str) -> Hyphenator:
    from . import cache

    path = _pattern_file(lang)
    data = path.read_bytes()
    key = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data)}"
    # Kept as two strings, not a dict: a pickled dict of 11,000 tuples takes
    # 10 ms to load, two strings take nothing and zip back into a dict in 1 ms.
    kept = cache.kept(f"hyphen-{lang}-{key}", lambda: _flatten(parse_patterns(data)),
                      lambda v: isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v))
    return Hyphenator(dict(zip(kept[0].split("\n"), kept[1].split("\n"))))


def _flatten(patterns: dict[str, str]) -> tuple[str, str]:
    return "\n".join(patterns), "\n".join(patterns.values())


def _pattern_file(lang: str) -> Path:
    """pyphen's pattern file, found without importing pyphen (which lists every
    dictionary it ships on import)."""
    from importlib.util import find_spec

    spec = find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyphen (a dependency of textstat) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionaries" / PYPHEN_FILE[lang]


def parse_patterns(data: bytes) -> dict[str, str]:
    """pyphen's HyphDict.__init__: pattern letters -> "offset,values" (values are
    single digits in pyphen's format, so "1,0203" is offset 1, values 0 2 0 3)."""
    first, _, rest = data.partition(b"\n")
    encoding = first.decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    patterns: dict[str, str] = {}
    for line in rest.decode(encoding).split("\n"):
        line = line.strip()
        if not line or line.startswith(_IGNORED):
            continue
        line = _HEX.sub(lambda m: chr(int(m.group(1), 16)), line)
        if "/" in line and "=" in line:  # a nonstandard hyphenation: only its points count here
            line = line.split("/", 1)[0]
        tags, values = zip(*[(s, int(d or "0")) for d, s in _PAIRS.findall(line)])
        if max(values) == 0:
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        patterns["".join(tags)] = f"{start}," + "".join(map(str, values[start:end]))
    return patterns
