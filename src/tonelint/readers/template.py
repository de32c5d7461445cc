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
_COMMENT = re.compile(
    r"\{#.*?#\}|\{\{!--.*?--\}\}|\{\{![^}]*\}\}"
    r"|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}",
    re.DOTALL,
)


def inner_fill(name: str) -> Fill:
    """The reader of the format inside the template: ``.html`` in ``mail.html.j2``."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    inner = suffixes[-2] if len(suffixes) >= 2 else ""
    return INNER.get(inner, text.fill)


def read(source: str, name: str, options: ReadOptions) -> Document:
    builder = DocumentBuilder(name, source)
    fill = inner_fill(name)
    pos = 0
    for m in _COMMENT.finditer(source):
        builder.comment(m.start(), m.end())
        fill(builder, pos, m.start(), options)
        pos = m.end()
    fill(builder, pos, len(source), options)
    return builder.build()
