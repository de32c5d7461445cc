"""``--format text``: ``path:line:col: CODE [rule-id] message``, as compilers print.

Vim's errorformat, Emacs' compile mode and VS Code's problem matchers read the
first line of each finding; the suggestion follows, indented. After each draft a
checklist line, and a summary line at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..finding import Finding, Severity

if TYPE_CHECKING:
    from ..engine import FileResult
    from . import Style

COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
DIM, BOLD, RESET = "\033[2m", "\033[1m", "\033[0m"


def format_results(results: list[FileResult], style: Style) -> Iterator[str]:
    totals: Counter[Severity] = Counter()
    linted = 0
    for result in results:
        if result.error is not None:
            continue
        linted += 1
        for f in result.findings:
            totals[f.severity] += 1
            yield _finding(f, style)
            if f.suggestion:
                yield _paint(f"    suggestion: {f.suggestion}", DIM, style)
        if result.document is not None:
            yield _paint(checklist(result), DIM, style)
    yield summary(totals, linted, style)


def _finding(f: Finding, style: Style) -> str:
    if not style.color:  # the common case (a file, a pipe, an editor): no paint to add
        return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.rule}] {f.message}"
    where = f"{f.path}:{f.line}:{f.column}:"
    code = _paint(f.code, COLORS[f.severity] + BOLD, style)
    return f"{_paint(where, BOLD, style)} {code} [{f.rule}] {f.message}"


def checklist(result: FileResult) -> str:
    """One line a draft: the three things it must say, the three it must not, its size."""
    cats = Counter(f.category for f in result.findings)
    doc = result.document
    assert doc is not None

    def said(category: str) -> str:
        return "missing" if cats[category] else "ok"

    parts = [
        f"reason {said('missing-reason')}",
        f"next steps {said('missing-next-steps')}",
        f"thanks {said('missing-thanks')}",
        f"blame {cats['blame']}",
        f"unfriendly {cats['unfriendly']}",
        f"sugar-coating {cats['sugarcoating']}",
        f"{doc.word_count} words",
    ]
    if "grade" in doc.cache:
        parts.append(f"grade {doc.cache['grade']}")
    return f"{result.path}: " + " · ".join(parts)


def summary(totals: Counter[Severity], files: int, style: Style) -> str:
    n = sum(totals.values())
    drafts = f"{files} draft{'s' if files != 1 else ''}"
    if not n:
        return _paint(f"No findings in {drafts}.", BOLD, style)
    parts = ", ".join(
        f"{totals[s]} {s}{'s' if totals[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if totals[s]
    )
    return _paint(f"Found {n} finding{'s' if n != 1 else ''} ({parts}) in {drafts}.", BOLD, style)


def _paint(s: str, code: str, style: Style) -> str:
    return f"{code}{s}{RESET}" if style.color else s
