"""Which rule pack a draft needs, told from its own words (``lang: auto``).

Offline and fast (a set lookup per word, no model): each language with a
profile scores one point for each of its function words in the draft, and a
fraction of a point for each letter only it uses (ő, ű, á... for Hungarian).
Drafts typed without accents still score, because words are compared with
their accents folded. The best language wins when it has enough evidence and
clearly beats the next one; otherwise the answer is None and the caller uses
its fallback language.

Only languages that have both a profile here and a rule pack can be detected;
a pack for a new language needs a profile to take part.
"""

from __future__ import annotations

import re
from functools import cached_property

from . import tokens
from .document import fold_accents


class Profile:
    """What tells one language from the others: its frequent words and letters."""

    def __init__(self, words: str, letters: str = "") -> None:
        self.words = words  # frequent words that are not words of the other profiled languages
        self.letters = letters  # letters the language uses and the others do not

    @cached_property
    def folded_words(self) -> frozenset[str]:
        return frozenset(fold_accents(w) for w in self.words.lower().split())


# Words both languages write alike, accents folded ("a", "is", "be", "most", "on" for
# Ön, "ok" for ők), are left out.
PROFILES: dict[str, Profile] = {
    "en": Profile(
        words="""
        the and to of you your yours we our ours i me my for that with this have has
        had will would not are was were been being it its as at by from please thank
        thanks dear hi hello regards sincerely best can could should all any if or but
        so do does did done what which who when where there their they them these those
        than then also just only more about after before into out up an no yes am i'm
        it's don't we've i've we'll i'll you're let know time work project end
        ending next new last since because however unfortunately decided decision
        """,
    ),
    "hu": Profile(
        words="""
        az és hogy nem meg egy de ez van csak már még ha mint azt volt kell vagy
        mert lesz itt ott sem ezt annak aki ami amit amely amelyet amikor akkor
        nagyon igen pedig után alatt között mellett miatt szerint nélkül óta jól úgy
        így olyan ilyen mindig soha sok minden semmi valami nekem neked önnek veled
        velem önnel én te ti önök kérem kérjük kérlek köszönöm köszönjük köszi
        tisztelt kedves szia sziasztok üdvözlettel tisztelettel üdv ezúton szeretném
        szeretnénk szeretnék tudom tudjuk vagyok vagyunk lenne lehet hanem tehát
        illetve valamint továbbá ezért azért mivel hiszen ugyanis viszont azonban
        sajnos sajnálom sajnáljuk döntés döntésem döntésünk szerződés szerződést
        munka munkát közös együttműködés együttműködést ügyfél ügyfelünk irodánk
        cégünk részemről részünkről továbbiakban hálás hálásak köszönet
        """,
        letters="áéíóöőúüűÁÉÍÓÖŐÚÜŰ",
    ),
}

_WORD = re.compile(r"\w+(?:['’]\w+)*")
MAX_WORDS = 3000  # enough to decide; a very long draft is not read to the end
MIN_SCORE = 1.5  # less evidence than this: cannot tell
LETTER_WEIGHT = 0.25
MARGIN = 2.0  # the winner needs this many times the runner-up's score


def scores(text: str, langs: list[str] | tuple[str, ...] | None = None) -> dict[str, float]:
    """The evidence for each profiled language in ``text``."""
    names = tuple(lang for lang in (langs if langs is not None else PROFILES) if lang in PROFILES)
    found = _by_token(text, names)
    if found is None:
        words = _head_words(text)
        found = [(sum(map(PROFILES[lang].folded_words.__contains__, words)), _letters(text, PROFILES[lang]))
                 for lang in names]
    return {lang: hits + LETTER_WEIGHT * letters for lang, (hits, letters) in zip(names, found)}


def _letters(text: str, profile: Profile) -> int:
    return sum(text.count(c) for c in profile.letters) if profile.letters else 0


def _by_token(text: str, names: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Each language's function words and letters in ``text``, token by token
    (see :mod:`tonelint.tokens`); None for a text too long for that, or with
    more than MAX_WORDS words (only the first of them count)."""
    if len(text) > tokens.MAX_TEXT:
        return None
    table = _BY_TOKEN.get(names)
    if table is None:
        profiles = [PROFILES[lang] for lang in names]

        def figure(token: str) -> int:
            words = _folded_words(token)
            return tokens.pack([len(words), *(n for p in profiles for n in (
                sum(map(p.folded_words.__contains__, words)), _letters(token, p)))])

        table = _BY_TOKEN[names] = tokens.TokenFigures(figure)
    words, *figures = tokens.unpack(table.total(text), 1 + 2 * len(names))
    return list(zip(figures[::2], figures[1::2])) if words <= MAX_WORDS else None


_BY_TOKEN: dict[tuple[str, ...], tokens.TokenFigures] = {}  # languages compared -> their table


def _folded_words(text: str) -> list[str]:
    return _WORD.findall(fold_accents(text).lower().replace("’", "'"))


def _head_words(text: str) -> list[str]:
    """The first MAX_WORDS words of ``text``, folded: only as much of a long
    text is folded as holds them (one more word than that, so the last one
    kept is whole)."""
    size = MAX_WORDS * 8
    while True:
        words = _folded_words(text[:size])
        if len(words) > MAX_WORDS or size >= len(text):
            return words[:MAX_WORDS]
        size *= 4


def detect(text: str, langs: list[str] | tuple[str, ...] | None = None) -> str | None:
    """The language of ``text`` among ``langs`` (default: every profile), or None
    when the draft gives too little evidence or two languages come too close."""
    ranked = sorted(scores(text, langs).items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][1] < MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]
