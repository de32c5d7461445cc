"""The command line: arguments -> config -> engine -> formatter -> exit code.

``tonelint [OPTIONS] [PATH]...`` lints; ``rules``, ``explain`` and ``config`` are
subcommands that win over a path of the same name when they come first
(``./rules`` lints a file so named).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .config import Config, load_config
from .errors import TonelintError
from .exitcode import ExitCode
from .finding import Severity

if TYPE_CHECKING:
    from .engine import FileResult, Linter

EXAMPLES = """
\b
Examples:
  tonelint draft.txt                     lint one draft
  tonelint templates/ --format json      lint a folder, machine-readable
  cat draft.md | tonelint - --stdin-filename draft.md
  tonelint templates/ --diff             what --fix would change
  tonelint lsp                           language server on stdio
  tonelint rules                         list the rules
  tonelint explain blame.you-failed      a rule with its examples
"""


class DefaultToLint(click.Group):
    """A group whose default command is ``lint``: ``tonelint draft.txt`` just works."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["lint", *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Usage errors as one line and exit 2, like every other user error."""
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            sys.exit(130)
        except click.UsageError as exc:
            _error(exc.format_message())
            sys.exit(ExitCode.ERROR)
        except click.ClickException as exc:
            _error(exc.format_message())
            sys.exit(ExitCode.ERROR)


def _error(message: str) -> None:
    click.echo(f"tonelint: error: {message}", err=True)


def _split(values: tuple[str, ...]) -> list[str] | None:
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None


def _effective_config(options: dict[str, Any]) -> Config:
    config = load_config(Path.cwd(), options.pop("config_file", None), options.pop("isolated", False))
    flags = {
        "lang": options.get("lang"),
        "select": _split(options.get("select", ())),
        "ignore": _split(options.get("ignore", ())),
        "fail-on": options.get("fail_on"),
        "min-severity": options.get("min_severity"),
        "format": options.get("output_format"),
        "color": options.get("color"),
    }
    extra_rules = options.get("rules") or ()
    if extra_rules:
        flags["rules"] = list(extra_rules)
    return config.merged(flags, "command line")


def config_options(f: Any) -> Any:
    """Options shared by every subcommand that builds a configuration."""
    for decorator in reversed([
        click.option("--config", "config_file", type=click.Path(path_type=Path),
                     help="Config file, laid over the project's own."),
        click.option("--isolated", is_flag=True, help="Ignore config files."),
        click.option("--lang", help="Rule pack language: en, hu."),
        click.option("--rules", multiple=True, help="Extra rule pack folder (repeatable)."),
    ]):
        f = decorator(f)
    return f


@click.group(cls=DefaultToLint, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tonelint")
def main() -> None:
    """tonelint: a linter for the tone of messages that end a client relationship."""


@main.command(epilog=EXAMPLES)
@click.argument("paths", nargs=-1)
@config_options
@click.option("--format", "output_format", help="Output format: text, json, github or sarif.")
@click.option("--select", multiple=True, help="Only these rules, codes or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Not these rules, codes or categories.")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), help="Hide findings below.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--stdin-filename", help="Name for text read from standard input (picks the reader).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), help="Colour (NO_COLOR honoured).")
@click.option("-v", "--verbose", is_flag=True, help="Say more about what is done.")
@click.option("--fix", "fix_files", is_flag=True,
              help="Apply substitution rules' replacements in place (standard input: print the fixed text).")
@click.option("--diff", "show_diff", is_flag=True, help="Print what --fix would change as a unified diff.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Files linted at once (default: all cores for many files, 1 for a few).")
def lint(paths: tuple[str, ...], stdin_filename: str | None, verbose: bool,
         fix_files: bool = False, show_diff: bool = False, jobs: int | None = None,
         **options: Any) -> None:
    """Lint drafts: files, folders, or - for standard input."""
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
    results = lint_all(linter, entries, jobs)

    if fix_files or show_diff:
        results = _fix(results, linter, from_stdin, show_diff, config.fail_on)
    for r in results:
        if r.error is not None:
            _error(str(r.error))
    style = Style(color=_use_color(config.color), verbose=verbose, rules=linter.active_meta())
    try:
        for line in formatter(results, style):
            click.echo(line, color=style.color)
        sys.stdout.flush()
    except BrokenPipeError:
        # A reader that went away (`tonelint ... | head -1`) is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(exit_code(results, config.fail_on))


def _fix(results: list[FileResult], linter: Linter, from_stdin: set[int], diff: bool,
         fail_on: str) -> list[FileResult]:
    """Apply or diff the fixes. Returns the results to report (what is left), or
    exits when the output was the diff or the fixed standard input."""
    from .fix import run

    outcome = run(results, linter.lint_bytes, from_stdin, write_files=not diff)
    for fix in outcome.fixed if not diff else []:
        n = fix.applied
        click.echo(f"tonelint: fixed {n} finding{'s' if n != 1 else ''} in {fix.path}", err=True)
    if not (diff or from_stdin):
        return outcome.results
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


@main.command()
@config_options
def rules(**options: Any) -> None:
    """List the rules: code, id, category, severity, summary."""
    from .engine import Linter

    try:
        linter = Linter(_effective_config(options))
        active = linter.rules_for(linter.default_lang)
    except TonelintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    for a in sorted(active, key=lambda a: a.rule.meta.code):
        m = a.rule.meta
        click.echo(f"{m.code:7} {m.id:38} {m.category:20} {a.severity!s:8} {m.summary}")


@main.command()
@click.argument("rule")
@config_options
def explain(rule: str, **options: Any) -> None:
    """Print one rule (by id or code) with its examples."""
    from . import packs

    try:
        config = _effective_config(options)
        extra = tuple(Path(p) for p in config.rules)
        langs = [config.lang] + [lang for lang in packs.languages(extra) if lang != config.lang]
        found = [
            r for lang in langs if lang in packs.languages(extra)
            for r in packs.load_rules(lang, extra).rules
            if rule in (r.meta.id, r.meta.code)
        ]
    except TonelintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    if not found:
        _error(f"no rule {rule!r} (see `tonelint rules`)")
        sys.exit(ExitCode.ERROR)
    m = found[0].meta
    click.echo(f"{m.code} [{m.id}] ({m.lang})\n")
    click.echo(f"  kind:      {m.kind}\n  category:  {m.category}\n  severity:  {m.severity}")
    click.echo(f"  summary:   {m.summary}\n  message:   {m.message}")
    if m.suggestion:
        click.echo(f"  suggestion: {m.suggestion}")
    click.echo(f"  defined in {m.source}\n")
    click.echo("Flags, for example:")
    for ex in m.flag:
        click.echo("  ✗ " + ex.strip().replace("\n", "\n    "))
    click.echo("Passes, for example:")
    for ex in m.passes:
        click.echo("  ✓ " + ex.strip().replace("\n", "\n    "))


@main.command(name="lsp")
def language_server() -> None:
    """Language server on stdio, for editors (needs: pip install 'tonelint[lsp]')."""
    try:
        from .lsp import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        _error("the language server needs pygls: pip install 'tonelint[lsp]'")
        sys.exit(ExitCode.ERROR)
    serve()


@main.command(name="config")
@config_options
def show_config(**options: Any) -> None:
    """Print the effective configuration and where each value came from."""
    import yaml

    try:
        config = _effective_config(options)
    except TonelintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    click.echo(yaml.safe_dump(config.as_dict(), sort_keys=False, allow_unicode=True).rstrip())
    for key, origin in sorted(config.origin.items()):
        click.echo(f"# {key}: from {origin}")
