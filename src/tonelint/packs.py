"""Rule packs: YAML files in ``rules/<lang>/`` turned into rule objects.

Validation is strict and points into the file: unknown keys, missing keys, wrong
types, regexes that do not compile, duplicate ids or codes all raise
:class:`TonelintError` with the pack's path and line.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import patterns
from .errors import TonelintError
from .finding import Severity
from .kinds import KINDS, Meta, Option, Rule
from .schema import validate

if TYPE_CHECKING:
    from .yamlfile import Located

COMMON: dict[str, Option] = {
    "id": Option("str", required=True),
    "code": Option("str", required=True),
    "kind": Option("str", required=True, choices=tuple(KINDS)),
    "category": Option("str", required=True),
    "severity": Option("str", required=True, choices=("error", "warning", "info")),
    "message": Option("str", required=True),
    "summary": Option("str"),
    "suggestion": Option("str"),
    "link": Option("str"),
    "examples": Option("examples", required=True),
}
PACK_KEYS = {"rules"}
ID = re.compile(r"^[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$")
CODE = re.compile(r"^TL\d{3,4}$")
CATEGORY = re.compile(r"^[a-z][a-z-]*$")
PACK_SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """The packs shipped in the wheel, or the repository's ``rules/`` when run from source."""
    shipped = Path(__file__).with_name("rules")  # a wheel
    if shipped.is_dir():
        return shipped
    source = Path(__file__).resolve().parents[2] / "rules"
    if source.is_dir():
        return source
    from importlib import resources  # a zipped install (10 ms to import: last)

    shipped = Path(str(resources.files("tonelint") / "rules"))
    return shipped if shipped.is_dir() else source


def languages(extra: tuple[Path, ...] = ()) -> list[str]:
    found = {
        p.name
        for d in (builtin_dir(), *extra) if d.is_dir()
        for p in d.iterdir()
        if p.is_dir() and any(f.suffix in PACK_SUFFIXES for f in p.iterdir())
    }
    return sorted(found)


def pack_files(lang: str, extra: tuple[Path, ...] = ()) -> list[Path]:
    """Built-in packs for ``lang``, then each extra folder's ``<lang>/`` packs and
    its top-level packs (which apply to every language)."""
    files: list[Path] = []
    for i, root in enumerate((builtin_dir(), *extra)):
        if i and not root.is_dir():
            raise TonelintError("rule pack folder not found", str(root))
        files += sorted(p for p in (root / lang).glob("*") if p.suffix in PACK_SUFFIXES)
        if i:
            files += sorted(p for p in root.glob("*") if p.suffix in PACK_SUFFIXES)
    return files


class RuleSet(NamedTuple):
    """The rules of one language, in pack order (what the rule cache keeps)."""

    lang: str
    rules: list[Rule]


def load_rules(lang: str, extra: tuple[Path, ...] = ()) -> RuleSet:
    rules: list[Rule] = []
    ids: dict[str, str] = {}
    codes: dict[str, str] = {}
    shipped = builtin_dir()
    for path in pack_files(lang, extra):
        with patterns.trusted() if path.parent.parent == shipped else nullcontext():
            loaded = load_pack(path, lang)
        for rule in loaded:
            m = rule.meta
            path_, line = m.source.rsplit(":", 1)
            where = (path_, int(line))
            if m.id in ids:
                raise TonelintError(f"duplicate rule id {m.id!r} (also at {ids[m.id]})", *where)
            if m.code in codes:
                raise TonelintError(f"duplicate code {m.code} (also at {codes[m.code]})", *where)
            ids[m.id] = codes[m.code] = m.source
            rules.append(rule)
    return RuleSet(lang, rules)


def load_pack(path: Path, lang: str) -> list[Rule]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TonelintError(f"cannot read rule pack: {exc}", name) from None
    from . import yamlfile  # YAML only when a pack is not in the cache

    doc = yamlfile.load(text, name)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise doc.error("a rule pack is a mapping with a `rules:` list")
    for key in data:
        if key not in PACK_KEYS:
            raise doc.error(f"unknown key {key!r} (expected: rules)", key)
    return [_build(doc, i, raw, lang) for i, raw in enumerate(data["rules"])]


def _build(doc: Located, i: int, raw: Any, lang: str) -> Rule:
    at = ("rules", i)
    if not isinstance(raw, dict):
        raise doc.error("each rule is a mapping", *at)
    kind_name = raw.get("kind")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        problem = f"{kind_name!r} is not one of: {', '.join(KINDS)}" if "kind" in raw else "missing"
        raise doc.error(f"kind: {problem}", *at, "kind")
    values = validate(doc, at, raw, {**COMMON, **kind.OPTIONS})
    for key, pattern in (("id", ID), ("code", CODE), ("category", CATEGORY)):
        if not pattern.match(values[key]):
            raise doc.error(f"{key} {values[key]!r} does not match {pattern.pattern}", *at, key)
    examples = values["examples"]
    meta = Meta(
        id=values["id"],
        code=values["code"],
        kind=kind.KIND,
        category=values["category"],
        severity=Severity.parse(values["severity"]),
        message=values["message"],
        lang=lang,
        summary=values.get("summary") or re.sub(r"\s*\"?\{\w+\}\"?\s*", " ", values["message"]).strip(),
        suggestion=values.get("suggestion"),
        link=values.get("link"),
        flag=tuple(examples["flag"]),
        passes=tuple(examples["pass"]),
        source=f"{doc.path}:{doc.line(*at)}",
    )
    options = {k: v for k, v in values.items() if k not in COMMON}
    return kind(meta, options)
