"""``--format sarif``: SARIF 2.1.0, for code scanning dashboards and editors' SARIF viewers.

One run: the tool with its rule table (every rule that ran, from ``Style.rules``),
one result a finding with its region, and a fix for each finding whose
``replacement`` can be applied. Rule ``id`` is the stable code (``TL101``),
``name`` the readable id (``blame.you-failed``). Columns count Unicode code
points (``columnKind``), as tonelint's do; ``endColumn`` is exclusive, as in
tonelint. Files that could not be linted become error notifications of the
invocation, which then did not succeed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..finding import Finding, Severity

if TYPE_CHECKING:
    from ..engine import FileResult
    from ..kinds.base import Meta
    from . import Style

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/tonelint/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_results(results: list[FileResult], style: Style) -> Iterator[str]:
    findings = [f for r in results if r.error is None for f in r.findings]
    rules = _rule_table(findings, style)
    index = {d["name"]: i for i, d in enumerate(rules)}
    errors = [r for r in results if r.error is not None]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "tonelint",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [_notification(r) for r in errors],
        }],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in findings],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    yield json.dumps(log, ensure_ascii=False, indent=2)


def _rule_table(findings: list[Finding], style: Style) -> list[dict[str, Any]]:
    """The rules that ran, and any rule a finding names that the Style did not list."""
    described = {rule_id: _descriptor(meta) for rule_id, meta in style.rules.items()}
    for f in findings:
        if f.rule not in described:
            described[f.rule] = {
                "id": f.code, "name": f.rule, "shortDescription": {"text": f.rule},
                "defaultConfiguration": {"level": LEVELS[f.severity]},
            }
    return sorted(described.values(), key=lambda d: (d["id"], d["name"]))


def _descriptor(meta: Meta) -> dict[str, Any]:
    help_text = [meta.suggestion or meta.summary]
    help_md = [meta.suggestion or meta.summary]
    if meta.flag:
        help_text.append("Flags, for example: " + " | ".join(" ".join(x.split()) for x in meta.flag))
        help_md.append("Flags, for example:\n\n" + "\n".join(f"- {' '.join(x.split())}" for x in meta.flag))
    if meta.passes:
        help_text.append("Passes, for example: " + " | ".join(" ".join(x.split()) for x in meta.passes))
        help_md.append("Passes, for example:\n\n" + "\n".join(f"- {' '.join(x.split())}" for x in meta.passes))
    out: dict[str, Any] = {
        "id": meta.code,
        "name": meta.id,
        "shortDescription": {"text": meta.summary},
        "help": {"text": "\n".join(help_text), "markdown": "\n\n".join(help_md)},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"category": meta.category, "kind": meta.kind, "tags": [meta.category]},
    }
    if meta.link and "://" in meta.link:
        out["helpUri"] = meta.link
    return out


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.path)},
            "region": _region(f),
        }}],
        "properties": {"rule": f.rule, "category": f.category},
    }
    if f.replacement is not None:
        out["fixes"] = [{
            "description": {"text": f"Replace with {f.replacement!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(f.path)},
                "replacements": [{
                    "deletedRegion": _region(f),
                    "insertedContent": {"text": f.replacement},
                }],
            }],
        }]
    return out


def _region(f: Finding) -> dict[str, int]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.offset,
        "charLength": f.end_offset - f.offset,
    }


def _notification(result: FileResult) -> dict[str, Any]:
    err = result.error
    assert err is not None
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(err.path or result.path)}}
    if err.line:
        location["region"] = {"startLine": err.line}
    return {
        "level": "error",
        "message": {"text": err.message},
        "locations": [{"physicalLocation": location}],
    }


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative (to the run's folder)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())
