"""The command line: arguments -> config -> engine -> formatter -> exit code.

``tonelint [OPTIONS] [PATH]...`` lints; ``rules``, ``explain`` and ``config`` are
subcommands that win over a path of the same name when they come first
(``./rules`` lints a file so named).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import TonelintError
from .exitcode import ExitCode
from .lintcmd import _effective_config, _error, exit_code, run_lint  # noqa: F401 (exit_code: API)

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
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
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


def config_options(f: Any) -> Any:
    """Options shared by every subcommand that builds a configuration."""
    for decorator in reversed([
        click.option("--config", "config_file", type=click.Path(path_type=Path),
                     help="Config file, laid over the project's own."),
        click.option("--isolated", is_flag=True, help="Ignore config files."),
        click.option("--lang", help="Rule pack language: auto (the default: told per draft), "
                     "en, hu."),
        click.option("--fallback-lang", help="With --lang auto, the pack for a draft whose "
                     "language cannot be told (default: en)."),
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
@click.option("--languagetool", metavar="URL",
              help="Also check grammar and spelling with this LanguageTool server "
                   "(`public`: the public API; drafts leave this machine).")
@click.option("--no-languagetool", is_flag=True, help="No LanguageTool, whatever the config says.")
@click.option("--require-languagetool", is_flag=True,
              help="Exit 2 when LanguageTool could not check every draft.")
@click.option("--lint-quoted/--no-lint-quoted", default=None,
              help="Lint quoted replies too (default: only the author's words).")
@click.option("--lint-signature/--no-lint-signature", default=None,
              help="Lint the signature after a '-- ' line too.")
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
    run_lint(paths, stdin_filename, verbose, fix_files, show_diff, jobs, options)


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
    if linter.grammar is not None:
        click.echo(f"{'TL9xx':7} {'languagetool.*':38} {'grammar, style':20} {'by type':8} "
                   f"LanguageTool's rules, from {linter.grammar.where}")


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
