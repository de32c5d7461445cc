"""Inline suppression: directives in the format's comments, applied by the engine.

A directive stands inside a comment of the draft's format: ``<!-- -->`` in
Markdown and HTML, ``{# #}`` / ``{% comment %}...{% endcomment %}`` in Jinja and
Liquid, ``{{!-- --}}`` / ``{{! }}`` in Handlebars and Mustache. Plain text and
plain mail have no comment the client would not see: use ``per-file-ignores``.

The forms (RULE is what ``--select`` takes: a rule id or its dotted prefix, a
code such as TL101, a category, or ALL; several are separated by commas or
spaces; text after `` -- `` is a reason, kept for the reader):

    tonelint-disable                        every rule, from here to tonelint-enable
    tonelint-disable RULE[,RULE]            these rules, from here to tonelint-enable
    tonelint-enable                         every rule again
    tonelint-enable RULE[,RULE]             these rules again (ends their own disable)
    tonelint-disable-next-line [RULE,...]   the line after the comment's last line
    tonelint-disable-line [RULE,...]        the lines the comment is on
    tonelint-disable-file [RULE,...]        the whole file

A directive that names no known rule, code or category gives a warning finding
(``suppression.unknown-rule``) at the directive, so a typo does not silently
suppress nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .document import Document
from .finding import Finding, Severity
from .kinds.base import Meta
from .selection import matches

# One regex for every form above; the rule list stops at "--" (a reason) or the comment's end.
DIRECTIVE = re.compile(
    r"(?<![\w-])tonelint-(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])"
    r"(?P<rules>(?:[ \t]*,?[ \t]*(?!--)[\w.-]+)*)"
)
_SEPARATOR = re.compile(r"[\s,]+")
ALL = "ALL"

UNKNOWN_RULE = Meta(
    id="suppression.unknown-rule",
    code="TL001",
    kind="suppression",
    category="suppression",
    severity=Severity.WARNING,
    message="a tonelint directive names an unknown rule",
    lang="",
)


class Directive(NamedTuple):
    """One ``tonelint: disable ...`` comment: what it does, to which rules, and where."""

    verb: str  # disable, enable, disable-next-line, disable-line, disable-file
    rules: tuple[str, ...]  # () means every rule
    start: int  # where the directive's comment starts and ends in the source
    end: int
    name_start: int  # where the rule list starts, for the unknown-rule warning


def parse(text: str, offset: int = 0, comment: tuple[int, int] | None = None) -> list[Directive]:
    """The directives in one comment's text (``offset`` is where ``text`` starts)."""
    start, end = comment or (offset, offset + len(text))
    out = []
    for m in DIRECTIVE.finditer(text):
        rules = tuple(r for r in _SEPARATOR.split(m.group("rules")) if r)
        out.append(Directive(m.group("verb"), rules, start, end, offset + m.start("rules")))
    return out


def directives(doc: Document) -> list[Directive]:
    return [d for s, e in doc.comments for d in parse(doc.source[s:e], s, (s, e))]


def _named(selectors: tuple[str, ...], meta: Meta) -> bool:
    return not selectors or any(s == ALL or matches(s, meta) for s in selectors)


def apply(findings: list[Finding], doc: Document, rules: Iterable[Meta]) -> list[Finding]:
    """``findings`` less those a directive suppresses, plus warnings for unknown names."""
    found = directives(doc)
    if not found:
        return findings
    metas = {m.id: m for m in rules}
    categories = {m.category for m in metas.values()}
    warnings = [
        _unknown(doc, d, name)
        for d in found
        for name in d.rules
        if name != ALL and name not in categories and not any(matches(name, m) for m in metas.values())
    ]
    # (from offset, to offset, selectors) for ranges; (first line, last line, selectors) for lines.
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    lines: list[tuple[int, int, tuple[str, ...]]] = []
    open_: dict[tuple[str, ...], int] = {}
    for d in found:
        first, last = doc.lines.position(d.start)[0], doc.lines.position(d.end)[0]
        if d.verb == "disable-file":
            ranges.append((0, len(doc.source) + 1, d.rules))
        elif d.verb == "disable-line":
            lines.append((first, last, d.rules))
        elif d.verb == "disable-next-line":
            lines.append((last + 1, last + 1, d.rules))
        elif d.verb == "disable":
            open_.setdefault(d.rules, d.end)
        else:  # enable
            for key in [k for k in open_ if not d.rules or (k and set(k) <= set(d.rules))]:
                ranges.append((open_.pop(key), d.start, key))
    ranges += [(start, len(doc.source) + 1, key) for key, start in open_.items()]

    def suppressed(f: Finding) -> bool:
        meta = metas.get(f.rule)
        if meta is None:
            return False
        return any(s <= f.offset < e and _named(sel, meta) for s, e, sel in ranges) or any(
            a <= f.line <= b and _named(sel, meta) for a, b, sel in lines
        )

    return [f for f in findings if not suppressed(f)] + warnings


def _unknown(doc: Document, d: Directive, name: str) -> Finding:
    at = doc.source.find(name, d.name_start, d.end)
    at = at if at >= 0 else d.name_start
    line, col = doc.lines.position(at)
    end_line, end_col = doc.lines.position(at + len(name))
    return Finding(
        path=doc.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        code=UNKNOWN_RULE.code,
        rule=UNKNOWN_RULE.id,
        category=UNKNOWN_RULE.category,
        severity=UNKNOWN_RULE.severity,
        message=f"tonelint-{d.verb} names {name!r}, which is no rule, code or category",
        offset=at,
        end_offset=at + len(name),
    )
