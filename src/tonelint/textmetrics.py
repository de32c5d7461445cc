"""Readability figures through textstat, loaded only when a rule asks for them.

textstat 0.7.8 looks English words up in the CMU dictionary (1.3 s to load on
every run) and 0.7.9+ downloads that dictionary through nltk at run time, which
fails offline. tonelint takes textstat's pyphen path instead: it names the
language ``en-US`` (not ``en_US``), for which textstat skips the CMU lookup and
counts syllables with pyphen's hyphenation dictionary, shipped in the pyphen
wheel. Cost: about 75 ms to import textstat and 70 ms for the dictionary, paid
only by runs that compute a grade.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# tonelint language -> the name textstat gets (its pyphen dictionary).
TEXTSTAT_LANG = {"en": "en-US", "hu": "hu_HU"}


@lru_cache(maxsize=None)
def _stats(lang: str) -> Any:
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang(TEXTSTAT_LANG.get(lang, lang))
    return ts


def grade(text: str, lang: str) -> float:
    """Flesch-Kincaid grade level (school years needed to read ``text``)."""
    return float(_stats(lang).flesch_kincaid_grade(text))


def reading_ease(text: str, lang: str) -> float:
    """Flesch reading ease: higher is easier (60-70 is plain English)."""
    return float(_stats(lang).flesch_reading_ease(text))
