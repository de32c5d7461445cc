"""``--fix`` and ``--diff``: apply the replacements that substitution rules suggest.

A fix is planned from what was linted (the decoded source and its findings) and
written only when it changes something. Writing is atomic: a temporary file in
the same folder, flushed, given the original's permissions, then renamed over
it, so a reader never sees half a draft and a failure leaves the original
untouched. The file's encoding and BOM are kept; line endings are kept because
only the replaced spans change. A file that vanished, changed since it was
linted, or is read-only is not written and gives a clear error instead.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .engine import FileResult
from .errors import TonelintError
from .finding import Finding
from .readers import declared_charset, decode

# BOM -> codec that writes the text after it.
BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Fix:
    """What fixing one draft would do: its text before and after, and how many edits."""

    path: str
    before: str
    after: str
    applied: int


def edits(source: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings whose replacement changes ``source``, in order, none overlapping
    another (an overlapping edit is left for a later run)."""
    chosen: list[Finding] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.offset, f.end_offset)):
        if f.replacement is None or source[f.offset:f.end_offset] == f.replacement or f.offset < pos:
            continue
        chosen.append(f)
        pos = f.end_offset
    return chosen


def apply(source: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """``source`` with the replacements of :func:`edits` spliced in, and how many."""
    chosen = edits(source, findings)
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts += [source[pos:f.offset], f.replacement or ""]
        pos = f.end_offset
    parts.append(source[pos:])
    return "".join(parts), len(chosen)


def plan(result: FileResult) -> Fix | None:
    """The fix for one linted draft, or None when no finding can be applied."""
    if result.document is None or result.error is not None:
        return None
    if Path(result.path).suffix.lower() == ".eml":
        return None  # a mail body may be encoded: its Document is not the file's text
    before = result.document.source
    after, applied = apply(before, result.findings)
    if not applied or after == before:
        return None
    return Fix(result.path, before, after, applied)


def unified_diff(fix: Fix) -> Iterator[str]:
    """The fix as a unified diff (``a/`` and ``b/`` paths, as ``git apply`` reads)."""
    name = Path(fix.path).as_posix()
    lines = difflib.unified_diff(
        fix.before.splitlines(keepends=True), fix.after.splitlines(keepends=True),
        f"a/{name}", f"b/{name}",
    )
    for line in lines:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n\\ No newline at end of file\n"


def write(fix: Fix) -> None:
    """Replace the file with the fixed text, atomically; TonelintError when it cannot."""
    path = Path(os.path.realpath(fix.path))
    data = _read_current(path, fix)
    st = os.stat(path)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise TonelintError("read-only file, not fixed", fix.path)
    new = encode_like(data, fix.after, fix.path)
    fd, tmp = _temp_beside(path, fix.path)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                pass  # only root may give a file away; the content matters more
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise TonelintError(f"cannot write the fix: {exc.strerror or exc}; file left as it was", fix.path) from None
    except BaseException:
        _remove(tmp)
        raise


def _read_current(path: Path, fix: Fix) -> bytes:
    """The file's bytes now, which must still hold the text that was linted."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TonelintError("file vanished before the fix could be written; nothing written", fix.path) from None
    except OSError as exc:
        raise TonelintError(f"cannot read for fixing: {exc.strerror or exc}", fix.path) from None
    if decode(data, fix.path) != fix.before:
        raise TonelintError("file changed while it was linted; not fixed (run again)", fix.path)
    return data


def encode_like(original: bytes, text: str, name: str = "") -> bytes:
    """``text`` in the original's encoding, with its BOM if it had one."""
    for bom, codec in BOMS:
        if original.startswith(bom):
            return bom + text.encode(codec)
    try:
        original.decode("utf-8")
    except UnicodeDecodeError:
        charset = declared_charset(original, name)  # an HTML file in the charset it declares
        if charset is not None:
            return text.encode(charset, "xmlcharrefreplace")
    return text.encode("utf-8")


def _temp_beside(path: Path, name: str) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tonelint-fix", dir=path.parent)
    except OSError as exc:
        raise TonelintError(f"cannot write beside the file: {exc.strerror or exc}; not fixed", name) from None


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


@dataclass
class Outcome:
    """What ``--fix``/``--diff`` did to a run's results."""

    results: list[FileResult]  # after fixing: linted again, or carrying the error that stopped the fix
    output: list[str]  # diffs (--diff) or fixed standard input (--fix -), for stdout
    fixed: list[Fix]  # fixes planned (--diff) or written (--fix)


def run(results: list[FileResult], relint: Callable[[bytes, str], FileResult],
        from_stdin: set[int], write_files: bool) -> Outcome:
    """Fix (or, with ``write_files`` false, diff) every result that has a fix.

    Standard input is never written anywhere: with ``--fix`` its fixed text is
    printed instead. Written files are linted again (``relint``), so the report
    shows what is left, at the positions of the new text.
    """
    out = Outcome(list(results), [], [])
    for i, result in enumerate(results):
        fix = plan(result)
        stdin = i in from_stdin
        if not write_files:
            if fix is not None:
                out.output += unified_diff(fix)
                out.fixed.append(fix)
            continue
        if stdin:
            source = fix.after if fix else result.document.source if result.document else ""
            out.output.append(source)
        if fix is None:
            continue
        try:
            if not stdin:
                write(fix)
        except TonelintError as exc:
            out.results[i] = FileResult(result.path, result.findings, result.document, exc)
            continue
        out.fixed.append(fix)
        out.results[i] = relint(fix.after.encode("utf-8"), result.path)
    return out
