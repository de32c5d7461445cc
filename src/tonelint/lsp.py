"""``tonelint lsp``: the linter as a language server over stdio, built on pygls.

Diagnostics on open, change and save; quick fixes that apply a substitution
rule's replacement (one a finding, and one that applies them all); the project's
config found by walking up from each file's folder, as the command line does.
One Linter is kept per config file and rebuilt only when that file changes, so a
keystroke costs one lint, not a pack load.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .config import find_config, load_config
from .document import LineIndex
from .engine import Linter
from .errors import TonelintError
from .finding import Finding, Severity
from .fix import edits

SOURCE = "tonelint"
FIX_ALL = "source.fixAll.tonelint"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


class Linters:
    """One Linter per config file (or none found), rebuilt when the file changes."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._cache: dict[str | None, tuple[int, Linter]] = {}

    def for_folder(self, folder: Path) -> Linter:
        found = find_config(folder)
        key = str(found) if found else None
        stamp = found.stat().st_mtime_ns if found else 0
        cached = self._cache.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, Linter(load_config(found.parent if found else folder)))
            self._cache[key] = cached
        return cached[1]


class TonelintServer(LanguageServer):
    """Keeps the findings it last published per document, for code actions."""

    def __init__(self) -> None:
        super().__init__("tonelint", __version__)
        self.linters = Linters(Path.cwd())
        self.published: dict[str, tuple[int | None, list[Finding], list[lsp.Diagnostic]]] = {}

    def lint(self, uri: str) -> None:
        doc = self.workspace.get_text_document(uri)
        path = _fs_path(uri, self.linters.cwd)
        findings: list[Finding] = []
        try:
            linter = self.linters.for_folder(path.parent)
            findings = linter.lint_text(doc.source, str(path))
            self.show_warnings(linter)
            diagnostics = [self.diagnostic(doc.source, f, linter) for f in findings]
        except TonelintError as exc:  # a broken config or pack: say so at the top of the file
            diagnostics = [lsp.Diagnostic(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                message=f"tonelint cannot lint this file: {exc}",
                severity=lsp.DiagnosticSeverity.Error,
                source=SOURCE,
            )]
        self.published[uri] = (doc.version, findings, diagnostics)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc.version)
        )

    def show_warnings(self, linter: Linter) -> None:
        """What the Linter could not do (LanguageTool down, ...), once, as a message."""
        for warning in linter.warnings:
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Warning, message=f"tonelint: {warning}"))
        linter.warnings.clear()

    def diagnostic(self, source: str, f: Finding, linter: Linter) -> lsp.Diagnostic:
        meta = linter.active_meta().get(f.rule)
        link = meta.link if meta and meta.link and "://" in meta.link else None
        message = f"{f.message} [{f.rule}]"
        if f.suggestion:
            message += f"\nSuggestion: {f.suggestion}"
        return lsp.Diagnostic(
            range=self.client_range(source, f),
            message=message,
            severity=SEVERITIES[f.severity],
            code=f.code,
            code_description=lsp.CodeDescription(href=link) if link else None,
            source=SOURCE,
            data={"rule": f.rule, "replacement": f.replacement},
        )

    def client_range(self, source: str, f: Finding) -> lsp.Range:
        """Finding positions (1-based code points) in the client's units (UTF-16 by default)."""
        starts = LineIndex(source).starts

        def position(line: int, column: int) -> lsp.Position:
            text = source[starts[line - 1]:starts[line - 1] + column - 1]
            return lsp.Position(line - 1, self.workspace.position_codec.client_num_units(text))

        return lsp.Range(position(f.line, f.column), position(f.end_line, f.end_column))

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        doc = self.workspace.get_text_document(uri)
        if uri not in self.published or self.published[uri][0] != doc.version:
            self.lint(uri)
        _, findings, diagnostics = self.published[uri]
        only = params.context.only
        chosen = edits(doc.source, findings)
        actions: list[lsp.CodeAction] = []
        by_finding = dict(zip(findings, diagnostics))  # no findings when the config is broken
        want_quickfix = not only or any(lsp.CodeActionKind.QuickFix.value.startswith(k) for k in only)
        for f in chosen if want_quickfix else []:
            diag = by_finding[f]
            if not _overlaps(diag.range, params.range):
                continue
            actions.append(lsp.CodeAction(
                title=f"Replace with “{f.replacement}” ({f.code})",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(diag.range, f.replacement or "")]}),
            ))
        want_all = not only or any(FIX_ALL.startswith(k) for k in only)
        if chosen and want_all:
            actions.append(lsp.CodeAction(
                title="Apply all tonelint replacements",
                kind=FIX_ALL,
                diagnostics=[by_finding[f] for f in chosen],
                edit=lsp.WorkspaceEdit(changes={uri: [
                    lsp.TextEdit(by_finding[f].range, f.replacement or "") for f in chosen
                ]}),
            ))
        return actions

    def forget(self, uri: str) -> None:
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _fs_path(uri: str, cwd: Path) -> Path:
    """The file behind ``uri``; an unsaved buffer (``untitled:``) counts as in ``cwd``."""
    path = to_fs_path(uri)
    if path:
        return Path(path)
    name = os.path.basename(unquote(urlparse(uri).path)) or "untitled"
    return cwd / name


def create_server() -> TonelintServer:
    server = TonelintServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TonelintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TonelintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: TonelintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)  # a saved config file may have changed too

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TonelintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: TonelintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    return server


def serve() -> None:
    """Speak LSP on standard input and output until the client says exit."""
    create_server().start_io()
