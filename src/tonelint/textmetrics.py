"""Readability figures, loaded only when a rule asks for them.

English goes through textstat. textstat 0.7.8 looks English words up in the CMU
dictionary (1.3 s to load on every run) and 0.7.9+ downloads that dictionary
through nltk at run time, which fails offline. tonelint takes textstat's pyphen
path instead: it names the language ``en-US`` (not ``en_US``), for which textstat
skips the CMU lookup and counts syllables with pyphen's hyphenation dictionary,
shipped in the pyphen wheel. Cost: about 75 ms to import textstat and 70 ms for
the dictionary, paid only by runs that compute a grade.

Hungarian does not: its syllables are its vowel letters (every syllable has one,
and the spelling has no diphthongs), so counting vowels is exact and costs
nothing, where pyphen's ``hu_HU`` dictionary takes 0.8 s to load on every run and
still undercounts (it never splits off a one-letter edge: "a-ki", "ó-ra" come out
as one syllable). The same Flesch formulas are applied to the same sentences and
words the rules see (:func:`tonelint.document.split_sentences`), which unlike
textstat's splitter do not end a sentence at every ordinal ("2025. május 2-án").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .document import split_sentences

# tonelint language -> the name textstat gets (its pyphen dictionary).
TEXTSTAT_LANG = {"en": "en-US"}

# Languages whose syllables are counted as vowel letters, and their vowels.
VOWELS: dict[str, frozenset[str]] = {"hu": frozenset("aáeéiíoóöőuúüűAÁEÉIÍOÓÖŐUÚÜŰ")}

# Flesch reading ease per language: base, per word a sentence, per syllable a
# word. Hungarian's are textstat's own (backend/utils/constants.py, "hu").
READING_EASE = {"hu": (206.835, 1.015, 58.5)}

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=None)
def _stats(lang: str) -> Any:
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang(TEXTSTAT_LANG.get(lang, lang))
    return ts


def grade(text: str, lang: str) -> float:
    """Flesch-Kincaid grade level (school years needed to read ``text``)."""
    if lang in VOWELS:
        per_sentence, per_word = _rates(text, VOWELS[lang])
        if not per_sentence or not per_word:
            return 0.0
        return 0.39 * per_sentence + 11.8 * per_word - 15.59
    return float(_stats(lang).flesch_kincaid_grade(text))


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
    words = _WORD.findall(text)
    sentences = sum(1 for s in split_sentences(text) if _WORD.search(text, s.start, s.end))
    if not words or not sentences:
        return 0.0, 0.0
    return len(words) / sentences, sum(syllables(w, vowels) for w in words) / len(words)
