"""HTML (``.html``, ``.htm``; HTML mail bodies; ``.html.j2`` templates): text nodes only.

Skipped: ``script``/``style``/``head`` content, attributes, comments (kept for
suppression directives). Entities are decoded (``&rsquo;`` reads as ``’``) and
map back to the whole entity, so positions still point into the source.
Block elements end a sentence; white space reads as a browser shows it. Quoted replies (``<blockquote>``, Gmail's
``gmail_quote``, Outlook's ``divRplyFwdMsg`` and everything after it,
Thunderbird's ``moz-cite-prefix``) and signatures (``gmail_signature``,
``moz-signature``, a ``-- `` text line and what follows) are left out unless
``lint-quoted`` / ``lint-signature`` say otherwise.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..document import DocumentBuilder
from .base import whole_file
from .quotes import is_header, is_signature

if TYPE_CHECKING:
    from . import ReadOptions

HIDDEN = {"script", "style", "head", "title", "template", "noscript", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
         "table", "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt"}
QUOTE_CLASSES = {"gmail_quote", "moz-cite-prefix", "yahoo_quoted", "OutlookMessageHeader"}
SIGNATURE_CLASSES = {"gmail_signature", "moz-signature"}
# Outlook writes the reply header in this element and the quoted mail after it.
QUOTE_TAIL_IDS = {"divRplyFwdMsg", "appendonsend"}
_REF = re.compile(r"&#?\w+;?")
_SPACE = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\n\f]")


def _kind(tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
    """What an element holds when it is not plain author text."""
    values = dict(attrs)
    classes = set((values.get("class") or "").split())
    if tag in HIDDEN:
        return "hidden"
    if tag == "blockquote" or classes & QUOTE_CLASSES:
        return "quoted"
    if classes & SIGNATURE_CLASSES:
        return "signature"
    return None


class _Reader(HTMLParser):
    def __init__(self, builder: DocumentBuilder, start: int, end: int, options: ReadOptions) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self.options = options
        self.base = start
        text = builder.source[start:end]
        # HTMLParser counts lines by "\n" only; so do we, to turn (line, col) into offsets.
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._stack: list[tuple[str, str | None]] = []  # (tag, kind)
        self._tail: str | None = None  # "quoted" or "signature": everything from here on
        self._pending_break = ""  # the separator owed before the next text
        self.feed(text)
        self.close()

    # -- positions ----------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.base + self._line_starts[line - 1] + col

    # -- what is skipped ------------------------------------------------------
    def _skipping(self) -> bool:
        kinds = [k for _, k in self._stack if k] + ([self._tail] if self._tail else [])
        allowed = {"quoted": self.options.lint_quoted, "signature": self.options.lint_signature}
        return any(not allowed.get(k, False) for k in kinds)

    def _break(self, tag: str) -> None:
        """A block ends a paragraph; ``<br>`` only a line, as a line break in plain text does."""
        if tag == "br":
            self._pending_break = self._pending_break or "\n"
        else:
            self._pending_break = "\n\n"

    # -- parser callbacks -------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self._break(tag)
        if tag == "body":  # a <head> left open (mail clients do) ends here
            self._stack = [entry for entry in self._stack if entry[0] != "head"]
        if dict(attrs).get("id") in QUOTE_TAIL_IDS:
            self._tail = "quoted"
        if tag not in VOID:
            self._stack.append((tag, _kind(tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK:
            self._break(tag)
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self.builder.comment(start, start + len(data) + 7)

    def handle_data(self, data: str) -> None:
        start = self._offset()
        if data.strip():
            if is_header(data):
                self._tail = "quoted"
            elif is_signature(data.strip(" \t\r\n\xa0") + " ") and not self._tail:
                self._tail = "signature"
        self._text(start, start + len(data), None)

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def _ref(self) -> None:
        start = self._offset()
        m = _REF.match(self.builder.source, start)
        if m is not None:
            self._text(m.start(), m.end(), html.unescape(m.group()))

    def _text(self, start: int, end: int, decoded: str | None) -> None:
        if self._skipping() or start == end:
            return
        if self._pending_break:
            self.builder.separator(self._pending_break, start)
            self._pending_break = ""
        if decoded is None:
            pos = start
            for h_start, h_end, name in self.options.placeholders.finditer(self.builder.source, start, end):
                self._collapsed(pos, h_start)
                self.builder.placeholder(h_start, h_end, name)
                pos = h_end
            self._collapsed(pos, end)
        else:
            self.builder.mapped(decoded.replace("\xa0", " "), start, end)

    def _collapsed(self, start: int, end: int) -> None:
        """White space as a browser shows it: one space, except inside ``<pre>``."""
        if any(tag == "pre" for tag, _ in self._stack):
            self.builder.verbatim(start, end)
            return
        pos = start
        for m in _SPACE.finditer(self.builder.source, start, end):
            self.builder.verbatim(pos, m.start())
            self.builder.mapped(" ", m.start(), m.end())
            pos = m.end()
        self.builder.verbatim(pos, end)


def fill(builder: DocumentBuilder, start: int, end: int, options: ReadOptions) -> None:
    """Add the text nodes of ``source[start:end]`` to ``builder``."""
    _Reader(builder, start, end, options)


read = whole_file(fill)
