"""Rule packs compiled once and kept in the user's cache folder.

Loading a pack means parsing YAML, validating every key and compiling every
regex: tens of milliseconds on each run, which an editor pays on every save.
The validated rules are pickled under a key made of everything they depend on
(the pack files' paths and bytes, tonelint's version and its own source files,
the Python that runs it), so a changed pack or an upgraded tonelint never sees
a stale entry. A cache that cannot be read, is corrupt or cannot be written is
skipped silently: the packs are then loaded as without a cache.

``TONELINT_CACHE_DIR`` names the folder; an empty value turns the cache off.
The cache is as trusted as the user's home (it holds pickles): the folder is
created private to the user.

Compiled regexes are stored with their compiled program where CPython allows
it, and rebuilt from it without running the regex compiler again; anything
unexpected falls back to ``re.compile``.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import __version__, packs, prefilter
from .patterns import FastPattern, TimedPattern

if TYPE_CHECKING:
    from .packs import RuleSet

KEEP = 32  # cache files kept; the oldest go first
T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The folder for cache files, or None when the cache is off."""
    explicit = os.environ.get("TONELINT_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "tonelint" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tonelint"


def load_rules(lang: str, extra: tuple[Path, ...] = ()) -> RuleSet:
    """``packs.load_rules``, answered from the cache when the packs are unchanged."""
    try:
        key = _key(lang, extra)
    except OSError:  # a pack vanished or cannot be read: let the loader say so
        return packs.load_rules(lang, extra)
    return kept(f"rules-{lang}-{key}", lambda: packs.load_rules(lang, extra),
                lambda r: isinstance(r, packs.RuleSet) and r.lang == lang)


def kept(name: str, build: Callable[[], T], valid: Callable[[Any], bool] = lambda _: True) -> T:
    """``build()``, or what it returned when a run before asked for ``name``.

    ``name`` must change whenever what ``build`` returns would (put a content
    hash in it); a kept value that ``valid`` refuses is built and kept again.
    Nothing is kept when the cache is off or cannot be written.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"{name}.pickle"
    try:
        with entry.open("rb") as f:
            value = pickle.load(f)
        if valid(value):
            return value  # type: ignore[no-any-return]
    except Exception:  # missing, truncated, corrupt or from an older layout: rebuild
        pass
    value = build()
    _write(entry, value)
    return value


def keyset(keys: Iterable[str], scans: list[prefilter.Scan]) -> prefilter.KeySet:
    """``prefilter.KeySet(keys, scans)``, its regexes compiled once for these rules."""
    keys = frozenset(keys)
    parts = [_fingerprint(), *sorted(k.encode() for k in keys)]
    parts += [f"{r.flags}\0{r.pattern}\0{sorted(ks)}\0{per_sentence}".encode() for r, ks, _, per_sentence in scans]
    return kept(f"keys-{_checksum(parts)}", lambda: prefilter.KeySet(keys, scans),
                lambda k: isinstance(k, prefilter.KeySet) and k.keys == keys)


def _key(lang: str, extra: tuple[Path, ...]) -> str:
    parts = [_fingerprint(), lang.encode()]
    for path in packs.pack_files(lang, extra):
        data = path.read_bytes()
        parts += [f"{path}\0{len(data)}".encode(), data]
    return _checksum(parts)


@cache
def _fingerprint() -> bytes:
    """tonelint's version and sources (path, size, time) and the Python running it."""
    parts = [f"{__version__}\0{sys.version}".encode()]
    for path in sorted(_PACKAGE.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return b"\0".join(parts)


def _checksum(parts: list[bytes]) -> str:
    """Two 32-bit checksums and the length (zlib: hashlib loads OpenSSL, 4 ms a run)."""
    blob = b"\0\0".join(parts)
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(blob):x}"


def _write(entry: Path, value: object) -> None:
    buf = io.BytesIO()
    try:
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except Exception:  # something unpicklable (a rule kind's state): no cache, no harm
        return
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, entry)  # atomic: a parallel run sees the old file or the new
        _prune(entry.parent)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


# -- compiled regexes ---------------------------------------------------------
# A pickled re.Pattern is compiled again from its source when loaded, and the
# regex compiler (pure Python) is most of the cost of loading big packs. CPython
# builds a pattern in two steps: compile the source to a code list, then hand the
# list to _sre.compile. The cache stores the list and does the second step only.
# The key holds sys.version, so a list is only ever read by the CPython that made it.

try:  # Python 3.11+
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


_CODE = "I"  # the regex engine's code units are 32-bit unsigned (_sre.CODESIZE)


def _program(pattern: re.Pattern[str]) -> tuple[Any, ...] | None:
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        code = _sre_compile._code(parsed, pattern.flags)
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, i in state.groupdict.items():
            indexgroup[i] = name
        import _sre  # type: ignore[import-not-found]

        if _sre.CODESIZE != array(_CODE).itemsize:
            return None
        # as bytes: a list of ints unpickles an int at a time (a big keyset: 10 ms)
        packed = array(_CODE, code).tobytes()
        return (pattern.pattern, pattern.flags | state.flags, packed, state.groups - 1,
                dict(state.groupdict), tuple(indexgroup))
    except Exception:
        return None


def _restore(source: str, flags: int, program: tuple[Any, ...] | None) -> re.Pattern[str]:
    if program is not None and sys.implementation.name == "cpython":
        try:
            import _sre  # type: ignore[import-not-found]

            source_, flags_, packed, *rest = program
            code = array(_CODE)
            code.frombytes(packed)
            compiled = _sre.compile(source_, flags_, code.tolist(), *rest)
            if compiled.pattern == source and compiled.flags == flags:
                return compiled
        except Exception:
            pass
    return re.compile(source, flags)


def _fast_pattern(source: str, flags: int, compiled_flags: int, program: tuple[Any, ...] | None) -> FastPattern:
    return FastPattern(source, flags, build=partial(_restore, source, compiled_flags, program))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            return _restore, (obj.pattern, obj.flags, _program(obj))
        if isinstance(obj, FastPattern):
            # Kept with its program, restored when first used: a short draft
            # never runs most rules' regexes (the merged pass answers for them).
            try:
                compiled = obj._compiled
                return _fast_pattern, (obj.pattern, obj.flags, compiled.flags, _program(compiled))
            except Exception:  # a pattern that does not compile says so when used
                return FastPattern, (obj.pattern, obj.flags)
        if isinstance(obj, TimedPattern):
            # Compiled before it is kept: a regex pattern pickles with its program,
            # so later runs skip regex's slow compile (the first run pays it once).
            try:
                obj.warm()
            except Exception:  # a pattern that does not compile says so when used
                pass
        return NotImplemented
