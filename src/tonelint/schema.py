"""One validator for the user's YAML and TOML: rule packs and config alike.

A schema is a dict of key -> :class:`Option`; errors name the file, the line and
the key, in words a user understands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kinds.base import Option
from .patterns import compile_error

if TYPE_CHECKING:
    from .yamlfile import Located


def validate(doc: Located, at: tuple[Any, ...], raw: dict[str, Any],
             schema: dict[str, Option], what: str = "key") -> dict[str, Any]:
    """Check ``raw`` against ``schema``; return it with defaults filled in."""
    for key in raw:
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise doc.error(f"unknown {what} {key!r} (known: {known})", *at, key)
    out: dict[str, Any] = {}
    for key, opt in schema.items():
        if key not in raw or raw[key] is None:
            if opt.required:
                raise doc.error(f"missing {what} {key!r}", *at)
            if opt.default is not None:
                out[key] = type(opt.default)(opt.default) if isinstance(opt.default, (list, dict)) else opt.default
            continue
        problem = check(opt, raw[key])
        if problem:
            raise doc.error(f"{key}: {problem}", *at, key)
        out[key] = raw[key]
    return out


def check(opt: Option, value: Any) -> str | None:
    """What is wrong with ``value`` for ``opt``, or None."""
    t = opt.type
    if t == "str":
        if not isinstance(value, str):
            return f"expected a string, got {_name(value)}"
        if opt.choices and value not in opt.choices:
            return f"{value!r} is not one of: {', '.join(opt.choices)}"
    elif t == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"expected a whole number, got {_name(value)}"
    elif t == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"expected a number, got {_name(value)}"
    elif t == "bool":
        if not isinstance(value, bool):
            return f"expected true or false, got {_name(value)}"
    elif t in ("strings", "regexes"):
        if isinstance(value, str) and t == "strings":
            return None  # one string stands for a list of one; see as_list()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "expected a list of strings"
        if t == "regexes":
            return bad_regex(value)
    elif t == "swap":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return "expected a mapping of pattern: replacement"
        return bad_regex(list(value))
    elif t == "mapping":
        if not isinstance(value, dict):
            return f"expected a mapping, got {_name(value)}"
    elif t == "examples":
        if not isinstance(value, dict) or set(value) != {"flag", "pass"}:
            return "expected `flag:` and `pass:` lists of drafts"
        for k in ("flag", "pass"):
            v = value[k]
            if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
                return f"`{k}` must be a non-empty list of drafts"
    return None


def as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def bad_regex(patterns: list[str]) -> str | None:
    for p in patterns:
        problem = compile_error(p)
        if problem:
            return f"regex {p!r} does not compile: {problem}"
    return None


def _name(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "true/false",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
