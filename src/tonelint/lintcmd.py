"""The lint command itself, without click: what ``tonelint [OPTIONS] PATH...`` does.

cli.py (click) and fastpath.py (the common case, parsed by hand so that a
single-draft run does not pay 15-30 ms to import click) both call
:func:`run_lint` with the same arguments, so the two cannot drift apart.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config, load_config
from .errors import TonelintError
from .exitcode import ExitCode
from .finding import Severity

if TYPE_CHECKING:
    from .engine import FileResult, Linter

_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(message: str, err: bool = False, color: bool | None = None) -> None:
    """``click.echo`` for one line: ANSI codes dropped when the stream is not a
    terminal (unless ``color``), characters the stream cannot encode replaced."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if not color and _ANSI.search(message) and not stream.isatty():
        message = _ANSI.sub("", message)
    try:
        stream.write(message + "\n")
    except UnicodeEncodeError:
        encoding = stream.encoding or "utf-8"
        stream.write((message + "\n").encode(encoding, "replace").decode(encoding))
    if err:
        stream.flush()


def echo_lines(lines: Iterable[str], color: bool | None = None, batch: int = 512) -> None:
    """:func:`echo` for many lines, written ``batch`` lines at a time (a report
    of a thousand drafts is ten thousand lines)."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == batch:
            echo("\n".join(chunk), color=color)
            chunk.clear()
    if chunk:
        echo("\n".join(chunk), color=color)


def _error(message: str) -> None:
    if sys.stdout is not None:
        sys.stdout.flush()  # what was printed before stays before
    echo(f"tonelint: error: {message}", err=True)


def _split(values: tuple[str, ...]) -> list[str] | None:
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None


def _effective_config(options: dict[str, Any]) -> Config:
    config = load_config(Path.cwd(), options.pop("config_file", None), options.pop("isolated", False))
    flags = {
        "lang": options.get("lang"),
        "fallback-lang": options.get("fallback_lang"),
        "select": _split(options.get("select", ())),
        "ignore": _split(options.get("ignore", ())),
        "fail-on": options.get("fail_on"),
        "min-severity": options.get("min_severity"),
        "format": options.get("output_format"),
        "color": options.get("color"),
        "lint-quoted": options.get("lint_quoted"),
        "lint-signature": options.get("lint_signature"),
    }
    extra_rules = options.get("rules") or ()
    if extra_rules:
        flags["rules"] = list(extra_rules)
    flags["languagetool"] = _languagetool_flags(options)
    return config.merged(flags, "command line")


def _languagetool_flags(options: dict[str, Any]) -> dict[str, Any] | None:
    """``--languagetool URL`` names a server; ``--no-languagetool`` wins over everything."""
    values: dict[str, Any] = {}
    if options.get("languagetool"):
        url = options["languagetool"]
        values.update(server=url, local=False, enabled=True)
    if options.get("no_languagetool"):
        values["enabled"] = False
    if options.get("require_languagetool"):
        values["required"] = True
    return values or None


def run_lint(paths: tuple[str, ...], stdin_filename: str | None, verbose: bool, fix_files: bool,
             show_diff: bool, jobs: int | None, options: dict[str, Any]) -> None:
    """Lint drafts: files, folders, or - for standard input. Exits."""
    from .engine import FileResult, Linter, expand_paths
    from .formatters import FORMATTERS, Style
    from .parallel import Entry, lint_all

    try:
        config = _effective_config(options)
        formatter = FORMATTERS.get(config.format)
        if formatter is None:
            raise TonelintError(f"unknown format {config.format!r} (available: {', '.join(FORMATTERS)})")
        linter = Linter(config)
    except TonelintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    if verbose:
        where = linter.grammar.settings.destination() if linter.grammar else "off, drafts stay here"
        echo(f"tonelint: LanguageTool: {where}", err=True)

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            _error("no drafts given (name files or folders, or - for standard input)")
            sys.exit(ExitCode.ERROR)
        paths = ("-",)

    entries: list[Entry] = []
    from_stdin: set[int] = set()
    for name in paths:
        if name == "-":
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
            from_stdin.add(len(entries))
            entries.append(linter.lint_bytes(data, stdin_filename or "<stdin>"))
            continue
        for item in expand_paths([name]):
            if isinstance(item, TonelintError):
                entries.append(FileResult(item.path or name, error=item))
            else:
                entries.append(item)
    if linter.grammar is not None:
        jobs = 1  # one LanguageTool session, its warnings and gaps counted in this process
    results = lint_all(linter, entries, jobs, keep_text=fix_files or show_diff)

    if fix_files or show_diff:
        results = _fix(results, linter, from_stdin, show_diff, config.fail_on)
    _close(linter)
    for r in results:
        if r.error is not None:
            _error(str(r.error))
        elif verbose and r.document is not None and r.document.lang_note:
            echo(f"tonelint: {r.path}: {r.document.lang_note}", err=True)
    style = Style(color=_use_color(config.color), verbose=verbose, rules=linter.active_meta())
    try:
        echo_lines(formatter(results, style), color=style.color)
        sys.stdout.flush()
    except BrokenPipeError:
        # A reader that went away (`tonelint ... | head -1`) is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = exit_code(results, config.fail_on)
    grammar = linter.grammar
    if grammar is not None and grammar.settings.required and grammar.incomplete:
        code = ExitCode.ERROR
    sys.exit(code)


def _fix(results: list[FileResult], linter: Linter, from_stdin: set[int], diff: bool,
         fail_on: str) -> list[FileResult]:
    """Apply or diff the fixes. Returns the results to report (what is left), or
    exits when the output was the diff or the fixed standard input."""
    from .fix import run

    outcome = run(results, linter.lint_bytes, from_stdin, write_files=not diff)
    for fix in outcome.fixed if not diff else []:
        n = fix.applied
        echo(f"tonelint: fixed {n} finding{'s' if n != 1 else ''} in {fix.path}", err=True)
    if not (diff or from_stdin):
        return outcome.results
    _close(linter)
    sys.stdout.flush()
    sys.stdout.buffer.write("".join(outcome.output).encode("utf-8"))
    sys.stdout.flush()
    for r in outcome.results:
        if r.error is not None:
            _error(str(r.error))
    if diff:
        code = exit_code(outcome.results, "never") or (ExitCode.FINDINGS if outcome.fixed else ExitCode.OK)
    else:
        code = exit_code(outcome.results, fail_on)
    sys.exit(code)


def _close(linter: Linter) -> None:
    """End the LanguageTool session and say, one line each, what it could not do."""
    linter.close()
    for warning in linter.warnings:
        echo(f"tonelint: warning: {warning}", err=True)
    linter.warnings.clear()


def exit_code(results: list[Any], fail_on: str) -> ExitCode:
    """2 when any file could not be linted, else 1 when a finding reaches ``fail_on``."""
    if any(r.error is not None for r in results):
        return ExitCode.ERROR
    if fail_on == "never":
        return ExitCode.OK
    threshold = Severity.parse(fail_on)
    if any(f.severity >= threshold for r in results for f in r.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()
