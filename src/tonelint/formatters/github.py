"""``--format github``: GitHub Actions workflow commands, one annotation a finding.

``::warning file=draft.md,line=3,col=5,endLine=3,endColumn=16,title=TL101 [blame.you-failed]::message``
Actions shows each on the pull request's diff. Values are escaped as the runner
expects (``%``, CR and LF everywhere; ``:`` and ``,`` too inside properties).
A file that could not be linted becomes an ``::error`` on that file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..finding import Finding, Severity

if TYPE_CHECKING:
    from ..engine import FileResult
    from . import Style

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_results(results: list[FileResult], style: Style) -> Iterator[str]:
    for result in results:
        if result.error is not None:
            err = result.error
            props = {"file": err.path or result.path, "line": err.line, "title": "tonelint"}
            yield command("error", props, err.message)
            continue
        for f in result.findings:
            yield annotation(f)


def annotation(f: Finding) -> str:
    props = {
        "file": f.path,
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f"{f.code} [{f.rule}]",
    }
    message = f.message + (f"\n\nSuggestion: {f.suggestion}" if f.suggestion else "")
    return command(LEVELS[f.severity], props, message)


def command(name: str, props: Mapping[str, object], message: str) -> str:
    body = ",".join(f"{k}={_escape(str(v), True)}" for k, v in props.items() if v is not None)
    return f"::{name} {body}::{_escape(message, False)}"


def _escape(value: str, prop: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
