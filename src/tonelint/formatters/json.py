"""``--format json``: an array of findings (see ``Finding.as_dict``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import FileResult
    from . import Style


def format_results(results: list[FileResult], style: Style) -> Iterator[str]:
    findings = [f.as_dict() for r in results for f in r.findings]
    yield json.dumps(findings, ensure_ascii=False, indent=2)
