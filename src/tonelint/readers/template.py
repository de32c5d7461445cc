"""Templates (``.j2``, ``.jinja``, ``.jinja2``, ``.hbs``, ``.handlebars``, ``.mustache``,
``.liquid``, ``.tmpl``): the inner format's reader, template syntax as placeholders.

``welcome.html.j2`` is read as HTML, ``note.md.hbs`` as Markdown, anything else
as plain text. Expressions (``{{ client }}``) read as a neutral name, tags
(``{% if %}``) as nothing (see :mod:`tonelint.placeholders`). Template comments
(``{# #}``, ``{{!-- --}}``, ``{{! }}``, ``{% comment %}...{% endcomment %}``) are
never linted and are where suppression directives go.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Document, DocumentBuilder
from . import html, markdown, text
from .base import TEMPLATE_SUFFIXES, Fill

if TYPE_CHECKING:
    from . import ReadOptions

SUFFIXES = TEMPLATE_SUFFIXES
INNER: dict[str, Fill] = {
    ".html": html.fill,
    ".htm": html.fill,
    ".md": markdown.fill,
    ".markdown": markdown.fill,
    ".txt": text.fill,
}
# Comments: {# #}, {{!-- --}}, {{! }}, {% comment %}...{% endcomment %}. Found
# by :func:`comments` as the regex ``\{#.*?#\}|\{\{!--.*?--\}\}|\{\{![^}]*\}\}|
# \{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}`` (DOTALL) would, but in
# linear time: that regex tries every unclosed opener to the end of the file.
_OPENER = re.compile(r"\{#|\{\{!|\{%-?\s*comment\s*-?%\}")
_ENDCOMMENT = re.compile(r"\{%-?\s*endcomment\s*-?%\}")


def inner_fill(name: str) -> Fill:
    """The reader of the format inside the template: ``.html`` in ``mail.html.j2``."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    inner = suffixes[-2] if len(suffixes) >= 2 else ""
    return INNER.get(inner, text.fill)


def read(source: str, name: str, options: ReadOptions) -> Document:
    builder = DocumentBuilder(name, source)
    fill = inner_fill(name)
    pos = 0
    for c_start, c_end in comments(source):
        builder.comment(c_start, c_end)
        fill(builder, pos, c_start, options)
        pos = c_end
    fill(builder, pos, len(source), options)
    return builder.build()


def comments(source: str) -> Iterator[tuple[int, int]]:
    """The template comments' spans, in order (see ``_OPENER``)."""
    closed = {"#}": True, "--}}": True, "}": True, "endcomment": True}  # False: none left
    brace = -1  # the first "}" at or after the last place looked from
    pos = 0
    while (m := _OPENER.search(source, pos)) is not None:
        start, end = m.start(), None
        if m.group() == "{#":
            end = _close(source, "#}", start + 2, closed)
        elif m.group() == "{{!":
            if source.startswith("{{!--", start):
                end = _close(source, "--}}", start + 5, closed)
            if end is None and closed["}"]:  # {{! ... }} with no "}" inside
                if brace < start + 3:
                    brace = source.find("}", start + 3)
                    closed["}"] = brace >= 0
                if brace >= 0 and source.startswith("}}", brace):
                    end = brace + 2
        elif closed["endcomment"]:
            found = _ENDCOMMENT.search(source, m.end())
            closed["endcomment"] = found is not None
            end = found.end() if found else None
        if end is None:
            pos = start + 1
            continue
        yield start, end
        pos = end


def _close(source: str, closer: str, start: int, closed: dict[str, bool]) -> int | None:
    """The end of the first ``closer`` at or after ``start``; when there is none,
    no later opener of its kind can close either."""
    if not closed[closer]:
        return None
    found = source.find(closer, start)
    closed[closer] = found >= 0
    return found + len(closer) if found >= 0 else None
