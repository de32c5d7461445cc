"""The engine: packs + Document -> findings.

Rules only find; everything that depends on the user's wishes happens here, in
one place: select/ignore, severity overrides, thresholds, per-file-ignores,
minimum severity, and the order of findings.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, packs, prefilter, readers
from .config import Config
from .document import Document
from .errors import TonelintError
from .finding import CORE_CATEGORIES, Finding, Severity
from .kinds import Meta, Rule
from .kinds.base import SortedSpans
from .placeholders import Placeholders
from .selection import matches, matches_any

MERGE_FROM_CHARS = 32_768
MERGE_FROM_DOCUMENTS = 16
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


@dataclass
class FileResult:
    """What one file gave: findings, or an error that stopped it from being read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    error: TonelintError | None = None


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity


class Linter:
    """Built once per run (or per editor session) from a Config; lints many documents."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.read_options = readers.ReadOptions(Placeholders(config.placeholders))
        self.extra_packs = tuple(Path(p) for p in config.rules)
        self._active: dict[str, list[ActiveRule]] = {}
        self._keysets: dict[tuple[str, bool], prefilter.KeySet] = {}
        self._documents = 0  # linted so far: a run of many drafts gets the merged pass
        self.min_severity = Severity.parse(config.min_severity)
        self.rules_for(self.default_lang)  # load now: a broken pack fails before any file

    @property
    def default_lang(self) -> str:
        return self.config.lang

    # -- rules ---------------------------------------------------------------
    def ruleset(self, lang: str) -> list[Rule]:
        if lang not in packs.languages(self.extra_packs):
            known = ", ".join(packs.languages(self.extra_packs))
            raise TonelintError(f"unknown language {lang!r} (available: {known})")
        return cache.load_rules(lang, self.extra_packs).rules

    def rules_for(self, lang: str) -> list[ActiveRule]:
        """The rules in force for ``lang``, after select/ignore and overrides."""
        if lang in self._active:
            return self._active[lang]
        rules = self.ruleset(lang)
        cfg = self.config
        self._check_selectors(rules)
        active = []
        for rule in rules:
            meta = rule.meta
            if cfg.select and not matches_any(cfg.select, meta):
                continue
            if matches_any(cfg.ignore, meta):
                continue
            severity = meta.severity
            for selector, name in cfg.severity.items():
                if matches(selector, meta):
                    severity = Severity.parse(name)
            limits = cfg.thresholds.get(meta.id)
            if limits:
                rule = type(rule)(meta, {**rule.options, **limits})
            active.append(ActiveRule(rule, severity))
        self._active[lang] = active
        return active

    def _keyset(self, lang: str, size: int) -> prefilter.KeySet:
        """One scan a document finds where the phrases of every rule may start.

        The rules' scans merged key by key (see prefilter.KeySet) take 20 ms to
        load and save more only on a long text or over many drafts, so a short
        draft at the start of a run is served by the keys alone.
        """
        self._documents += 1
        merged = size >= MERGE_FROM_CHARS or self._documents > MERGE_FROM_DOCUMENTS
        if (lang, merged) not in self._keysets:
            rules = [a.rule for a in self.rules_for(lang)]
            keys = {k for r in rules for k in r.word_keys()}
            scans = [s for r in rules for s in r.text_scans()] if merged else []
            self._keysets[lang, merged] = cache.keyset(keys, scans)
        return self._keysets[lang, merged]

    def active_meta(self) -> dict[str, Meta]:
        """Rule id -> metadata of every rule in force for the languages used so far
        (the rule table of SARIF output)."""
        return {a.rule.meta.id: a.rule.meta for rules in self._active.values() for a in rules}

    def _check_selectors(self, rules: list[Rule]) -> None:
        cfg = self.config
        named = [
            *(("select", s) for s in cfg.select),
            *(("ignore", s) for s in cfg.ignore),
            *(("severity", s) for s in cfg.severity),
            *(("thresholds", s) for s in cfg.thresholds),
            *(("per-file-ignores", s) for v in cfg.per_file_ignores.values() for s in v),
        ]
        categories = set(CORE_CATEGORIES) | {r.meta.category for r in rules}
        for key, selector in named:
            if selector in categories or any(matches(selector, r.meta) for r in rules):
                continue
            origin = cfg.origin.get(key, "command line")
            raise TonelintError(f"{key}: unknown rule, code or category {selector!r}", origin)

    # -- linting -------------------------------------------------------------
    def lint_document(self, doc: Document) -> list[Finding]:
        lang = doc.lang or self.default_lang
        ignored = self._ignored_for(doc.path)
        findings: list[Finding] = []
        self._keyset(lang, len(doc.text)).prime(doc)
        for active in self.rules_for(lang):
            rule = active.rule
            if active.severity < self.min_severity or matches_any(ignored, rule.meta):
                continue
            for hit in rule.check(doc):
                if _inside_placeholder(doc, hit.start, hit.end):
                    continue
                line, col, end_line, end_col, offset, end_offset = doc.locate(hit.start, hit.end)
                findings.append(
                    Finding(
                        path=doc.path,
                        line=line,
                        column=col,
                        end_line=end_line,
                        end_column=end_col,
                        code=rule.meta.code,
                        rule=rule.meta.id,
                        category=rule.meta.category,
                        severity=active.severity,
                        message=rule.render(hit, doc),
                        suggestion=hit.suggestion,
                        replacement=hit.replacement,
                        offset=offset,
                        end_offset=end_offset,
                    )
                )
        findings.sort()
        return findings

    def read(self, source: str, path: str) -> Document:
        doc = readers.reader_for(path)(source, path, self.read_options)
        doc.lang = doc.lang or self.default_lang
        return doc

    def lint_text(self, source: str, path: str = "<text>") -> list[Finding]:
        return self.lint_document(self.read(source, path))

    def lint_bytes(self, data: bytes, path: str) -> FileResult:
        try:
            doc = self.read(readers.decode(data, path), path)
        except TonelintError as exc:
            return FileResult(path, error=exc)
        return FileResult(path, self.lint_document(doc), doc)

    def lint_file(self, path: Path, name: str | None = None) -> FileResult:
        name = name or str(path)
        try:
            data = _read(path, name)
        except TonelintError as exc:
            return FileResult(name, error=exc)
        return self.lint_bytes(data, name)

    def _ignored_for(self, path: str) -> list[str]:
        table = self.config.per_file_ignores
        if not table:
            return []
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.config.base_dir.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        base = Path(path).name
        out: list[str] = []
        for pattern, selectors in table.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(base, pattern):
                out += selectors
        return out


def _read(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TonelintError("no such file", name) from None
    except IsADirectoryError:
        raise TonelintError("is a directory", name) from None
    except OSError as exc:
        raise TonelintError(f"cannot read: {exc.strerror or exc}", name) from None


def _inside_placeholder(doc: Document, start: int, end: int) -> bool:
    if not doc.placeholders:
        return False
    spans = doc.cache.get("engine.placeholders")
    if spans is None:  # placeholders come in text order and never overlap
        spans = doc.cache["engine.placeholders"] = SortedSpans([(p.start, p.end) for p in doc.placeholders])
    return spans.containing(start, end)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[Path, str] | TonelintError]:
    """Files to lint, in a stable order: named files as given, folders walked for drafts."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for f in sorted(files):
                    p = Path(root) / f
                    if readers.is_draft(p):
                        found = True
                        yield p, str(p)
            if not found:
                yield TonelintError("no drafts in this folder (looked for: "
                                    + ", ".join(sorted(readers.READERS)) + ")", name)
        elif path.exists():
            yield path, name
        else:
            yield TonelintError("no such file or folder", name)
