"""Configuration: one schema, one precedence.

Built-in defaults < the project's file (``.tonelint.yaml``, or ``[tool.tonelint]``
in ``pyproject.toml``, found by walking up from the working directory) <
``--config FILE`` < command-line flags. Config keys are the long flags' names
(``fail-on`` is ``--fail-on``); unknown keys and wrong types are errors that name
the file, the line and the key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import grammar
from .errors import TonelintError
from .kinds.base import Option
from .schema import as_list, check, validate

if TYPE_CHECKING:
    from .yamlfile import Located

CONFIG_NAMES = (".tonelint.yaml", ".tonelint.yml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")

# The one schema: config key -> type. The CLI's flags map onto the same names.
SCHEMA: dict[str, Option] = {
    # "auto" picks the pack per draft from its words (see langdetect.py); a draft
    # whose language cannot be told is linted as fallback-lang.
    "lang": Option("str"),
    "fallback-lang": Option("str"),
    "select": Option("strings"),
    "ignore": Option("strings"),
    "severity": Option("mapping"),
    "rules": Option("strings"),
    "per-file-ignores": Option("mapping"),
    "fail-on": Option("str", choices=(*SEVERITIES, "never")),
    "min-severity": Option("str", choices=SEVERITIES),
    "thresholds": Option("mapping"),
    "placeholders": Option("regexes"),
    "lint-quoted": Option("bool"),
    "lint-signature": Option("bool"),
    "format": Option("str"),
    "color": Option("str", choices=("auto", "always", "never")),
    "languagetool": Option("mapping"),  # keys: grammar.settings.SCHEMA
    "max-size": Option("number"),  # MB; a larger file is refused, not read (0: no limit)
}


class Config:
    """The effective configuration. ``origin`` says where each key came from."""

    def __init__(self, *, lang: str = "auto", fallback_lang: str = "en", select: list[str] | None = None,
                 ignore: list[str] | None = None, severity: dict[str, str] | None = None,
                 rules: list[str] | None = None, per_file_ignores: dict[str, list[str]] | None = None,
                 fail_on: str = "warning", min_severity: str = "info",
                 thresholds: dict[str, dict[str, float]] | None = None, placeholders: list[str] | None = None,
                 lint_quoted: bool = False, lint_signature: bool = False, format: str = "text",
                 color: str = "auto", languagetool: dict[str, Any] | None = None, max_size: float = 10,
                 origin: dict[str, str] | None = None, base_dir: Path | None = None) -> None:
        self.lang = lang
        self.fallback_lang = fallback_lang
        self.select: list[str] = select or []
        self.ignore: list[str] = ignore or []
        self.severity: dict[str, str] = severity or {}
        self.rules: list[str] = rules or []
        self.per_file_ignores: dict[str, list[str]] = per_file_ignores or {}
        self.fail_on = fail_on
        self.min_severity = min_severity
        self.thresholds: dict[str, dict[str, float]] = thresholds or {}
        self.placeholders: list[str] = placeholders or []
        self.lint_quoted = lint_quoted  # lint quoted replies too (readers/quotes.py)
        self.lint_signature = lint_signature  # lint the signature after a `-- ` line too
        self.format = format
        self.color = color
        self.languagetool: dict[str, Any] = languagetool or {}
        self.max_size = max_size
        self.origin: dict[str, str] = origin or {}
        self.base_dir = base_dir if base_dir is not None else Path.cwd()

    def merged(self, values: dict[str, Any], origin: str, base_dir: Path | None = None) -> Config:
        """A new Config with ``values`` (config-file spelling) laid over this one."""
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if value is None:
                continue
            attr = key.replace("-", "_")
            if attr in ("select", "ignore", "placeholders"):
                value = as_list(value)
            if attr == "rules":
                value = [str((base_dir or Path.cwd()) / p) for p in as_list(value)]
            if attr == "languagetool":  # key by key: an env URL keeps the file's rules
                value = {**self.languagetool, **value}
            changes[attr] = value
        origin_map = {**self.origin, **{k: origin for k in values if values[k] is not None}}
        unknown = set(changes) - set(vars(self))
        if unknown:  # the schema names a key this class does not hold: a bug here, not the user's
            raise TypeError(f"Config has no {sorted(unknown)}")
        new = Config.__new__(Config)
        new.__dict__.update(vars(self), **changes, origin=origin_map)
        if base_dir is not None:
            new.base_dir = base_dir
        return new

    def as_dict(self) -> dict[str, Any]:
        return {
            name: getattr(self, name.replace("-", "_"))
            for name in SCHEMA
        }


def find_config(start: Path) -> Path | None:
    """The nearest ``.tonelint.yaml`` or ``pyproject.toml`` with ``[tool.tonelint]``."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return re.search(r"(?m)^\[tool\.tonelint\]", path.read_text(encoding="utf-8")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def read_config_file(path: Path) -> dict[str, Any]:
    """Validated values of one config file (config-file spelling of keys)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TonelintError(f"cannot read config: {exc}", name) from None
    from . import yamlfile  # YAML costs 20 ms: only for runs that have a config file

    located = _load_toml(text, name) if path.suffix == ".toml" else yamlfile.load(text, name)
    data = located.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise located.error("the config must be a mapping of key: value")
    values = validate(located, (), data, SCHEMA, what="config key")
    _check_nested(located, values)
    return values


def _check_nested(doc: Located, values: dict[str, Any]) -> None:
    if "languagetool" in values:
        values["languagetool"] = grammar.validate_mapping(doc, values["languagetool"])
    for rule, sev in values.get("severity", {}).items():
        if sev not in SEVERITIES:
            raise doc.error(f"severity of {rule!r}: {sev!r} is not one of: error, warning, info",
                            "severity", rule)
    for glob, selectors in values.get("per-file-ignores", {}).items():
        if check(Option("strings"), selectors):
            raise doc.error(f"per-file-ignores {glob!r}: expected a list of rules", "per-file-ignores", glob)
        values["per-file-ignores"][glob] = as_list(selectors)
    for rule, limits in list(values.get("thresholds", {}).items()):
        if not isinstance(limits, dict):
            limits = {"max": limits}
        for k, v in limits.items():
            if k not in ("max", "min") or check(Option("number"), v):
                raise doc.error(f"thresholds of {rule!r}: expected a number or max:/min: numbers",
                                "thresholds", rule)
        values["thresholds"][rule] = limits


def _load_toml(text: str, name: str) -> Located:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise TonelintError(f"not valid TOML: {exc}", name, int(m.group(1)) if m else None) from None
    table = data.get("tool", {}).get("tonelint", {})
    # tomllib keeps no positions: find each key's line under [tool.tonelint] by hand.
    lines: dict[tuple[Any, ...], int] = {}
    inside = False
    for n, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[+\s*([\w.\-\"]+)\s*\]+", line)
        if header:
            inside = header.group(1).startswith("tool.tonelint")
            if header.group(1) == "tool.tonelint":
                lines[()] = n
            continue
        key = re.match(r"\s*\"?([\w\-]+)\"?\s*=", line)
        if inside and key:
            lines.setdefault((key.group(1),), n)
    from .yamlfile import Located

    return Located(table, lines, name)


def load_config(cwd: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    """Defaults, then the project's file (walking up from ``cwd``), then ``explicit``."""
    config = Config(base_dir=cwd)
    if not isolated:
        found = find_config(cwd)
        if found is not None:
            config = config.merged(read_config_file(found), str(found), found.parent)
    if explicit is not None:
        if not explicit.is_file():
            raise TonelintError("config file not found", str(explicit))
        config = config.merged(read_config_file(explicit), str(explicit), explicit.resolve().parent)
    url = os.environ.get(grammar.ENV_URL, "").strip()
    if url:
        config = config.merged({"languagetool": {"server": url, "local": False, "enabled": True}},
                               f"environment variable {grammar.ENV_URL}")
    return config
