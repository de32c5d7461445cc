"""The entry point: the common lint command parsed by hand, everything else by click.

An editor runs ``tonelint draft.txt`` on every save, and importing click costs
15-30 ms of a run of about 100. So plain lint invocations (paths and the lint
options below, in any order) are parsed here and handed to
:func:`tonelint.lintcmd.run_lint` with exactly the arguments click would pass;
anything else (a subcommand, --help, an unknown or malformed option, a value
click would reject) goes to click, which then answers as always.
tests/test_fastpath.py runs both ways and compares the output.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

# option -> (keyword click passes it as, kind): kind is "flag", "value", "many"
# (repeatable), "int+" (a whole number >= 1), or a tuple of accepted choices.
OPTIONS: dict[str, tuple[str, Any]] = {
    "--config": ("config_file", "path"),
    "--isolated": ("isolated", "flag"),
    "--lang": ("lang", "value"),
    "--rules": ("rules", "many"),
    "--format": ("output_format", "value"),
    "--select": ("select", "many"),
    "--ignore": ("ignore", "many"),
    "--min-severity": ("min_severity", ("error", "warning", "info")),
    "--fail-on": ("fail_on", ("error", "warning", "info", "never")),
    "--stdin-filename": ("stdin_filename", "value"),
    "--color": ("color", ("auto", "always", "never")),
    "-v": ("verbose", "flag"),
    "--verbose": ("verbose", "flag"),
    "--fix": ("fix_files", "flag"),
    "--diff": ("show_diff", "flag"),
    "-j": ("jobs", "int+"),
    "--jobs": ("jobs", "int+"),
}
# A first argument that could name a subcommand (``rules``, ``lsp``...) is click's to decide.
_MAY_BE_COMMAND = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def parse(args: list[str]) -> dict[str, Any] | None:
    """click's keyword arguments for ``lint``, or None when click should parse."""
    if args and _MAY_BE_COMMAND.fullmatch(args[0]):
        return None
    values: dict[str, Any] = {kw: () if kind == "many" else False if kind == "flag" else None
                              for kw, kind in OPTIONS.values()}
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name not in OPTIONS:
            return None
        keyword, kind = OPTIONS[name]
        if kind == "flag":
            if eq:
                return None
            values[keyword] = True
            continue
        if not eq:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if kind == "many":
            values[keyword] += (value,)
        elif kind == "int+":
            if not re.fullmatch(r"\+?[0-9]+", value.strip()) or int(value) < 1:
                return None
            values[keyword] = int(value)
        elif kind == "path":
            if not value:
                return None
            values[keyword] = Path(value)
        elif isinstance(kind, tuple):
            if value not in kind:
                return None
            values[keyword] = value
        else:
            values[keyword] = value
    values["paths"] = tuple(paths)
    return values


def main() -> None:
    parsed = parse(sys.argv[1:])
    if parsed is None:
        from .cli import main as click_main

        click_main()
        return
    from .lintcmd import run_lint

    run_lint(parsed.pop("paths"), parsed.pop("stdin_filename"), parsed.pop("verbose"),
             parsed.pop("fix_files"), parsed.pop("show_diff"), parsed.pop("jobs"), parsed)
