"""Which rules a selector names: an id (or its dotted prefix), a code prefix, a category.

``blame`` names the category and every ``blame.*`` rule; ``TL1`` every code that
starts so; ``blame.you-failed`` one rule. Used by --select, --ignore,
per-file-ignores, severity overrides and suppression directives alike.
"""

from __future__ import annotations

import re

from .kinds.base import Meta

_CODE = re.compile(r"^TL\d*$")


def matches(selector: str, meta: Meta) -> bool:
    if selector in ("ALL", "all"):
        return True
    if _CODE.match(selector):
        return meta.code.startswith(selector)
    return (
        selector == meta.id
        or meta.id.startswith(selector + ".")
        or selector == meta.category
    )


def matches_any(selectors: list[str], meta: Meta) -> bool:
    return any(matches(s, meta) for s in selectors)
