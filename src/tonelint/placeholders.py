"""Template placeholders: names, not words.

Each form below reads as a neutral name to the rules (``Dear {{ client }}, thank
you`` still counts as thanks) or, for statements and comments, as nothing; it is
never reported and never shifts a position (see ``DocumentBuilder.placeholder``).
Names may be written in any alphabet ("[Ügyfél neve]", "%VÉGDÁTUM%").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from . import prefilter
from .document import NEUTRAL_NAME, DocumentBuilder
from .patterns import DOTALL, FastPattern, TimedPattern

# (pattern, reads as). Statements and comments read as nothing.
# A lazy body never runs past the next opener of its kind, so that a draft of
# many unclosed "{{" is read in linear time (and on ``re``, with no time budget).
BUILTIN: tuple[tuple[str, str], ...] = (
    (r"\{\{!--(?:(?!\{\{!--).)*?--\}\}", ""),  # Handlebars comment ({{ }} may sit inside)
    (r"\{\{!(?:(?!\{\{).)*?\}\}", ""),  # Handlebars/Mustache comment
    (r"\{\{[#/^>](?:(?!\{\{).)*?\}\}", ""),  # Handlebars/Mustache block and partial tags
    (r"\{\{\{(?:(?!\{\{).)*?\}\}\}", NEUTRAL_NAME),  # {{{ client }}} (Handlebars, unescaped)
    (r"\{\{(?:(?!\{\{).)*?\}\}", NEUTRAL_NAME),  # {{ client }}
    (r"\{%(?:(?!\{%).)*?%\}", ""),  # {% if x %}
    (r"\{#(?:(?!\{#).)*?#\}", ""),  # {# comment #}
    (r"\$\{[^{}\n]*\}", NEUTRAL_NAME),  # ${client}
    (r"\{[^\W\d][\w.]*\}|\{\d+\}", NEUTRAL_NAME),  # {client} {0} {ügyfél}
    (r"%[^\W\d_]\w*%", NEUTRAL_NAME),  # %DATE% %VÉGDÁTUM%
    (r"<<[ \t]*\w[\w .-]*>>", NEUTRAL_NAME),  # <<client>>
    (r"\[[^\W\d_][\w'’-]*(?:[ \t][\w'’-]+){0,5}\](?![(\[:])", NEUTRAL_NAME),  # [Client Name]
)
BUILTIN_STARTS = "{$%<["


class Placeholders:
    """The placeholder forms in force: the built-in ones plus the config's."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        extra = list(extra)
        forms = list(BUILTIN) + [(p, NEUTRAL_NAME) for p in extra]
        self._names = [name for _, name in forms]
        self._builtin_only = not extra
        body = "|".join(f"({p})" for p, _ in forms)
        if not extra:
            # Every built-in form starts with one of these: the engine then skips
            # other positions at once instead of trying each form (20x faster).
            body = f"(?=[{re.escape(BUILTIN_STARTS)}])(?:{body})"
        # The built-in forms are linear and run on re (no import of ``regex``);
        # the config's forms are the user's regexes: timed, like rule patterns.
        self._regex: FastPattern | TimedPattern = (
            FastPattern(body, DOTALL) if not extra else
            TimedPattern(body, DOTALL, owner="placeholders",
                         hint="a config `placeholders` pattern that backtracks"))

    def add(self, builder: DocumentBuilder, start: int, end: int) -> None:
        """Add ``source[start:end]`` to ``builder``, placeholders as names."""
        pos = start
        for m_start, m_end, name in self.finditer(builder.source, start, end):
            builder.verbatim(pos, m_start)
            builder.placeholder(m_start, m_end, name)
            pos = m_end
        builder.verbatim(pos, end)

    def finditer(self, source: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """``(start, end, reads as)`` of each placeholder in ``source[start:end]``."""
        # Built-in forms only: where one may start, str.find tells (most drafts
        # have no "{" or "$" at all) faster than the regex engine walks the text.
        positions = prefilter.find_all(source, BUILTIN_STARTS, start, end) if self._builtin_only else None
        matches = (prefilter.match_at(self._regex, source, positions, start, end) if positions is not None
                   else self._regex.finditer(source, start, end))
        for m in matches:
            yield m.start(), m.end(), self._names[(m.lastindex or 1) - 1]

    def spans(self, source: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in self._regex.finditer(source)]
