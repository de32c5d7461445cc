"""The engine: packs + Document -> findings.

Rules only find; everything that depends on the user's wishes happens here, in
one place: select/ignore, severity overrides, thresholds, per-file-ignores,
minimum severity, and the order of findings.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from . import cache, grammar, langdetect, packs, prefilter, readers, suppression
from .config import Config
from .document import Document
from .errors import TonelintError
from .finding import CORE_CATEGORIES, Finding, Severity
from .kinds import Hit, Meta, Rule
from .kinds.base import SortedSpans
from .patterns import PatternTimeout, time_budget
from .placeholders import Placeholders
from .selection import matches, matches_any

AUTO = "auto"  # lang: auto, the default: each draft's pack told from its words
MB = 1_000_000
MERGE_FROM_CHARS = 32_768
MERGE_FROM_DOCUMENTS = 16
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


class FileResult:
    """What one file gave: findings, or an error that stopped it from being read."""

    def __init__(self, path: str, findings: list[Finding] | None = None, document: Document | None = None,
                 error: TonelintError | None = None) -> None:
        self.path = path
        self.findings: list[Finding] = findings if findings is not None else []
        self.document = document
        self.error = error


class ActiveRule(NamedTuple):
    """A rule in force, with its severity after the config's overrides."""

    rule: Rule
    severity: Severity


class Linter:
    """Built once per run (or per editor session) from a Config; lints many documents."""

    def __init__(self, config: Config) -> None:
        self.config = config
        # One line each (LanguageTool unreachable, ...): front ends show them.
        self.warnings: list[str] = []
        settings = grammar.settings_from(config.languagetool,
                                         config.origin.get("languagetool", "config"))
        self.grammar = grammar.Grammar(settings, self.warnings.append) if settings else None
        self._grammar_meta: dict[str, Meta] = {}  # LanguageTool's rules seen, for SARIF
        if config.languagetool.get("required") and settings is None:
            raise TonelintError("LanguageTool is required but not configured: name a server with "
                                f"--languagetool URL, {grammar.ENV_URL} or `languagetool: server:`")
        self.read_options = readers.ReadOptions(
            Placeholders(config.placeholders),
            lint_quoted=config.lint_quoted,
            lint_signature=config.lint_signature,
        )
        self.extra_packs = tuple(Path(p) for p in config.rules)
        self._active: dict[str, list[ActiveRule]] = {}
        self._metas: dict[str, list[Meta]] = {}  # every rule of a language, for directives
        self._all: dict[str, list[Rule]] = {}  # every rule of a language, for satisfied-by
        self._satisfiers: dict[tuple[str, str], list[Rule]] = {}  # (lang, rule id) -> rules satisfying it
        self._keysets: dict[tuple[str, bool], prefilter.KeySet] = {}
        self._plans: dict[str, list[tuple[Rule, Severity, bool]]] = {}
        self._documents = 0  # linted so far: a run of many drafts gets the merged pass
        self._languages: list[str] | None = None
        self.min_severity = Severity.parse(config.min_severity)
        self.rules_for(self.default_lang)  # load now: a broken pack fails before any file

    @property
    def auto(self) -> bool:
        return self.config.lang == AUTO

    @property
    def default_lang(self) -> str:
        """The pack for a draft whose language is not known: ``lang``, or with
        ``lang: auto`` the ``fallback-lang``."""
        return self.config.fallback_lang if self.auto else self.config.lang

    @property
    def languages(self) -> list[str]:
        if self._languages is None:
            self._languages = packs.languages(self.extra_packs)
        return self._languages

    # -- rules ---------------------------------------------------------------
    def ruleset(self, lang: str) -> list[Rule]:
        if lang not in self.languages:
            known = ", ".join([AUTO, *self.languages])
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
            severity = self._selected(meta)
            if severity is None:
                continue
            limits = cfg.thresholds.get(meta.id)
            if limits:
                rule = type(rule)(meta, {**rule.options, **limits})
            active.append(ActiveRule(rule, severity))
        self._active[lang] = active
        self._metas[lang] = [r.meta for r in rules]
        self._all[lang] = rules
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
            scans = [s for r in rules for s in r.scans()] if merged else []
            self._keysets[lang, merged] = cache.keyset(keys, scans)
        return self._keysets[lang, merged]

    def expect(self, documents: int) -> None:
        """Get ready to lint ``documents`` drafts: when they are many, the merged
        pass serves them from the first, and the default language's is loaded
        now, so workers forked after this share it instead of each loading its own."""
        if documents > MERGE_FROM_DOCUMENTS:
            self._documents = max(self._documents, MERGE_FROM_DOCUMENTS)
            self._keyset(self.default_lang, MERGE_FROM_CHARS)

    def _selected(self, meta: Meta) -> Severity | None:
        """The rule's severity after overrides, or None when select/ignore drop it."""
        cfg = self.config
        if (cfg.select and not matches_any(cfg.select, meta)) or matches_any(cfg.ignore, meta):
            return None
        severity = meta.severity
        for selector, name in cfg.severity.items():
            if matches(selector, meta):
                severity = Severity.parse(name)
        return severity

    def active_meta(self) -> dict[str, Meta]:
        """Rule id -> metadata of every rule in force for the languages used so far
        (the rule table of SARIF output), LanguageTool's that gave findings included."""
        packs_meta = {a.rule.meta.id: a.rule.meta for rules in self._active.values() for a in rules}
        return {**packs_meta, **self._grammar_meta}

    def _check_selectors(self, rules: list[Rule]) -> None:
        cfg = self.config
        named = [
            *(("select", s) for s in cfg.select),
            *(("ignore", s) for s in cfg.ignore),
            *(("severity", s) for s in cfg.severity),
            *(("thresholds", s) for s in cfg.thresholds),
            *(("per-file-ignores", s) for v in cfg.per_file_ignores.values() for s in v),
        ]
        categories = {*CORE_CATEGORIES, *(r.meta.category for r in rules), *grammar.CATEGORIES,
                      suppression.UNKNOWN_RULE.category}
        probes = grammar.probe_metas()
        every_pack: list[Rule] | None = None
        for key, selector in named:
            if selector in categories or any(matches(selector, r.meta) for r in rules):
                continue
            # LanguageTool's rules are known only when it answers.
            if selector.startswith(grammar.PREFIX) or matches_any_meta(selector, probes):
                continue
            # One config serves every language: a rule of another pack is no mistake.
            if every_pack is None:
                every_pack = [r for lang in self.languages for r in self.ruleset(lang)]
            if any(matches(selector, r.meta) for r in every_pack):
                continue
            origin = cfg.origin.get(key, "command line")
            raise TonelintError(f"{key}: unknown rule, code or category {selector!r}", origin)

    # -- linting -------------------------------------------------------------
    def lint_document(self, doc: Document) -> list[Finding]:
        lang = doc.lang or self.default_lang
        ignored = self._ignored_for(doc.path)
        findings: list[Finding] = []
        try:
            with time_budget(len(doc.text)):  # the users' timed patterns share one budget
                self._keyset(lang, len(doc.text)).prime(doc)
        except prefilter.ScanTimeout as exc:
            whose = [r for r in self._all.get(lang, ()) if any(
                prefilter.ident(scan[0], scan[3]) == exc.scan for scan in r.scans())]
            if whose:
                raise _rule_error(whose[0], doc, exc) from None
            raise
        hits: dict[str, list[Hit]] = {}  # rule id -> its hits on this draft, run once
        for rule, severity, satisfiable in self._plan(lang):
            meta = rule.meta
            if ignored and matches_any(ignored, meta):
                continue
            if satisfiable and self._said_by_others(rule, doc, lang, hits):
                continue
            found = hits.get(meta.id)
            if found is None:  # a satisfied-by check may have run it already
                found = hits[meta.id] = _hits(rule, doc)
            for hit in found:
                if doc.placeholders and _inside_placeholder(doc, hit.start, hit.end):
                    continue
                findings.append(self._finding(doc, meta, severity, hit, rule.render(hit, doc)))
        findings += self._grammar_findings(doc, lang, ignored)
        if doc.comments:  # where directives live: most drafts have none
            findings = suppression.apply(findings, doc, self._directive_metas(doc, lang))
        # A broken directive is shown whatever --select says (it is about the
        # file, not a rule), but --ignore and per-file-ignores can drop it.
        warn = suppression.UNKNOWN_RULE
        if matches_any([*self.config.ignore, *ignored], warn):
            findings = [f for f in findings if f.rule != warn.id]
        findings = [f for f in findings if f.severity >= self.min_severity]  # directive warnings too
        findings.sort()
        return findings

    def _plan(self, lang: str) -> list[tuple[Rule, Severity, bool]]:
        """The rules to run on a draft of ``lang``: those in force at or above
        the minimum severity, each with its severity and whether other rules'
        findings can stand in for it (worked out once, not once a draft)."""
        plan = self._plans.get(lang)
        if plan is None:
            plan = self._plans[lang] = [(a.rule, a.severity, bool(a.rule.satisfied_by))
                                        for a in self.rules_for(lang) if a.severity >= self.min_severity]
        return plan

    def _said_by_others(self, rule: Rule, doc: Document, lang: str, hits: dict[str, list[Hit]]) -> bool:
        """Whether rules named in ``satisfied-by`` found something in ``doc`` (a
        draft that blames the client has given its reason), whatever the config
        selects: the phenomenon is in the draft either way."""
        key = (lang, rule.meta.id)
        others = self._satisfiers.get(key)
        if others is None:
            others = self._satisfiers[key] = [
                o for o in self._all[lang] if o.meta.id != rule.meta.id and matches_any(rule.satisfied_by, o.meta)]
        for other in others:
            if other.meta.id not in hits:
                hits[other.meta.id] = _hits(other, doc)
            if any(not _inside_placeholder(doc, h.start, h.end) for h in hits[other.meta.id]):
                return True
        return False

    def _grammar_findings(self, doc: Document, lang: str, ignored: list[str]) -> list[Finding]:
        """LanguageTool's findings, through the same filters as the packs' (never
        sent when select/ignore would drop every one of them)."""
        if self.grammar is None or not self._grammar_wanted(ignored):
            return []
        out: list[Finding] = []
        for g in self.grammar.check(doc):
            meta = grammar.meta_for(g, self.grammar.settings, lang)
            severity = self._selected(meta)
            # A placeholder reads as a stand-in name: what LanguageTool says about it
            # ("Alex Alex" repeated) is about the stand-in, not the draft.
            if (severity is None or severity < self.min_severity or matches_any(ignored, meta)
                    or any(p.start < g.end and g.start < p.end for p in doc.placeholders)):
                continue
            # A fix only where the file reads exactly as LanguageTool's text did (not
            # across a placeholder, an entity or markup).
            src_start, src_end = doc.source_span(g.start, g.end)
            verbatim = doc.source[src_start:src_end] == doc.text[g.start:g.end]
            hit = Hit(g.start, g.end, suggestion=g.suggestion(),
                      replacement=g.replacement() if verbatim else None)
            self._grammar_meta.setdefault(meta.id, meta)
            out.append(self._finding(doc, meta, severity, hit, g.render(doc.text)))
        return out

    def _directive_metas(self, doc: Document, lang: str) -> list[Meta]:
        """The rules a directive may name: the packs', and LanguageTool's, which are
        known only from its findings (any ``languagetool.X`` named counts, on or off)."""
        named = {n for d in suppression.directives(doc) for n in d.rules
                 if n.startswith(grammar.PREFIX + ".")}
        return [*map(grammar.named_meta, sorted(named)), *grammar.probe_metas(),
                *self._metas[lang], *self._grammar_meta.values()]

    def _grammar_wanted(self, ignored: list[str]) -> bool:
        probes = grammar.probe_metas()  # one per code and category: all LanguageTool could give
        drop = [*self.config.ignore, *ignored]
        if all(matches_any(drop, m) for m in probes):
            return False
        select = self.config.select
        return not select or any(
            s.startswith(grammar.PREFIX + ".") or matches_any_meta(s, probes) for s in select
        )

    @staticmethod
    def _finding(doc: Document, meta: Meta, severity: Severity, hit: Hit, message: str) -> Finding:
        line, col, end_line, end_col, offset, end_offset = doc.locate(hit.start, hit.end)
        return Finding(
            path=doc.path, line=line, column=col, end_line=end_line, end_column=end_col,
            code=meta.code, rule=meta.id, category=meta.category, severity=severity,
            message=message, suggestion=hit.suggestion, replacement=hit.replacement,
            offset=offset, end_offset=end_offset,
        )

    def close(self) -> None:
        """End the LanguageTool session (stops a local server)."""
        if self.grammar is not None:
            self.grammar.close()

    def read(self, source: str, path: str) -> Document:
        try:
            with time_budget(len(source)):
                doc = readers.reader_for(path)(source, path, self.read_options)
        except TonelintError as exc:  # a placeholder pattern out of time, say
            raise _at(exc, path) from None
        return self._with_language(doc)

    def _with_language(self, doc: Document) -> Document:
        if doc.lang is None:
            doc.lang, doc.lang_note = self._language(doc)
        return doc

    def _language(self, doc: Document) -> tuple[str, str]:
        """The pack for ``doc`` and, with ``lang: auto``, how it was chosen."""
        if not self.auto:
            return self.config.lang, ""
        found = langdetect.detect(doc.text, self.languages)
        if found is not None:
            return found, f"language {found} (detected)"
        return self.default_lang, (f"language not recognised; linted as {self.default_lang} "
                                   "(fallback-lang)")

    def lint_text(self, source: str, path: str = "<text>") -> list[Finding]:
        return self.lint_document(self.read(source, path))

    def lint_bytes(self, data: bytes, path: str) -> FileResult:
        try:
            _check_size(len(data), self.config.max_size, path)
            with time_budget(len(data)):
                doc = self._with_language(readers.read_bytes(data, path, self.read_options))
            del data  # a long file is not held as bytes too while it is linted
            # With lang: auto a draft may need a pack not loaded yet, which can be broken.
            return FileResult(path, self.lint_document(doc), doc)
        except TonelintError as exc:  # a placeholder pattern out of time has no path
            return FileResult(path, error=_at(exc, path))

    def lint_file(self, path: Path | str, name: str | None = None) -> FileResult:
        name = name or str(path)
        try:  # the bytes passed straight on, so that lint_bytes holds the only reference
            return self.lint_bytes(_read(path, name, self.config.max_size), name)
        except TonelintError as exc:  # only _read's: lint_bytes returns its errors
            return FileResult(name, error=exc)

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


def matches_any_meta(selector: str, metas: Iterable[Meta]) -> bool:
    return any(matches(selector, m) for m in metas)


def _read(path: Path | str, name: str, max_mb: float) -> bytes:
    """The file's bytes; one too large is refused before it is read (memory stays small)."""
    try:
        with open(path, "rb") as f:
            _check_size(os.fstat(f.fileno()).st_size, max_mb, name)
            return f.read()
    except FileNotFoundError:
        raise TonelintError("no such file", name) from None
    except IsADirectoryError:
        raise TonelintError("is a directory", name) from None
    except OSError as exc:
        raise TonelintError(f"cannot read: {exc.strerror or exc}", name) from None


def _check_size(size: int, max_mb: float, name: str) -> None:
    if max_mb > 0 and size > max_mb * MB:
        raise TonelintError(
            f"{size / MB:.1f} MB is too large for a message draft (max-size: {max_mb:g} MB; "
            "raise it in the config, 0 for no limit)", name)


def _hits(rule: Rule, doc: Document) -> list[Hit]:
    """What ``rule`` finds in ``doc`` (nothing, without asking, when it is quiet)."""
    if rule.quiet(doc):
        return []
    return _timed(rule, doc) if rule.timed else list(rule.check(doc))


def _timed(rule: Rule, doc: Document) -> list[Hit]:
    """The rule's hits; a pattern out of time becomes an error naming the rule."""
    try:
        with time_budget(len(doc.text)):
            return list(rule.check(doc))
    except PatternTimeout as exc:
        raise _rule_error(rule, doc, exc) from None


def _rule_error(rule: Rule, doc: Document, exc: PatternTimeout) -> TonelintError:
    m = rule.meta
    return TonelintError(f"rule {m.id} ({m.code}, {m.source}): {exc.message}", doc.path)


def _at(exc: TonelintError, path: str) -> TonelintError:
    """``exc`` with the draft's name when it has no place of its own."""
    return exc if exc.path else TonelintError(exc.message, path, exc.line, exc.column)


def _drafts_in(folder: str) -> Iterator[str]:
    """The drafts under ``folder``, files first, then each sub-folder, all by
    name; as ``os.walk`` goes (symbolic links to folders are not followed), but
    with the directory entries' own file types: a thousand templates are not a
    thousand ``stat`` calls and ``Path`` objects."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:  # gone, or not readable: os.walk passes it by too
        return
    folders = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if entry.name not in SKIP_DIRS and not entry.name.startswith(".") and not entry.is_symlink():
                folders.append(entry.path)
        elif readers.is_draft(entry.name) and (entry.is_file(follow_symlinks=False) or not _special(Path(entry.path))):
            yield entry.path
    for sub in folders:
        yield from _drafts_in(sub)


def _special(path: Path) -> bool:
    """A FIFO, socket or device: opening one in a folder walk could block forever.
    (A file gone by now is still listed: reading it says so.)"""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _inside_placeholder(doc: Document, start: int, end: int) -> bool:
    if not doc.placeholders:
        return False
    spans = doc.cache.get("engine.placeholders")
    if spans is None:  # placeholders come in text order and never overlap
        spans = doc.cache["engine.placeholders"] = SortedSpans([(p.start, p.end) for p in doc.placeholders])
    return spans.containing(start, end)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[Path | str, str] | TonelintError]:
    """Files to lint, in a stable order: named files as given, folders walked for drafts.

    One ``stat`` a name and no ``Path`` object a file: pre-commit names every
    template of a repository on the command line."""
    for name in paths:
        try:
            folder = stat.S_ISDIR(os.stat(name).st_mode)
        except ValueError:  # a name the system cannot take (a NUL in it)
            yield TonelintError("no such file or folder", name)
            continue
        except OSError as exc:
            if exc.errno in _MISSING:
                yield TonelintError("no such file or folder", name)
            else:  # there, but not ours to look at: reading it says why
                yield name, name
            continue
        if folder:
            found = False
            for draft in _drafts_in(str(Path(name))):  # "./drafts/" walks as "drafts"
                found = True
                yield draft, draft
            if not found:
                yield TonelintError("no drafts in this folder (looked for: "
                                    + ", ".join(sorted(readers.READERS)) + ")", name)
        else:
            yield name, name


# What Path.exists() reads as "not there".
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
