"""``--jobs``: lint many files on several cores, results in the serial order.

Workers are forked where the platform allows it, so they inherit the parent's
Linter with its compiled rules instead of building their own; elsewhere each
worker builds one Linter from the (picklable) Config. Results come back in the
order the files were given, so the output is the same as a serial run's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from .config import Config
    from .engine import FileResult, Linter

Task = tuple[Path | str, str]
Entry = Union["FileResult", Task]

# Below this many files a pool costs more than it saves (about 15 ms to start
# two workers against about 1 ms to lint a draft).
MIN_FILES_PER_JOB = 16

# The worker's Linter, and whether the parent needs each draft's text (to fix
# it). Set once per worker process by _init and only read after: the pool's
# initializer has no other way to hand a worker its state.
_worker: dict[str, Any] = {}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """All cores when there are many files, one for a handful (and for one draft)."""
    return max(1, min(cores(), files // MIN_FILES_PER_JOB))


def lint_all(linter: Linter, entries: Sequence[Entry], jobs: int | None = None,
             keep_text: bool = True) -> list[FileResult]:
    """Lint each ``(path, name)`` entry; finished results (stdin, errors) pass through.

    ``jobs=None`` picks :func:`default_jobs`; the order of ``entries`` is kept.
    Without ``keep_text`` a worker's documents come back without their text
    and source (empty): a report needs only the findings and the figures.
    """
    tasks = [e for e in entries if isinstance(e, tuple)]
    linter.expect(len(tasks))
    jobs = default_jobs(len(tasks)) if jobs is None else max(1, jobs)
    jobs = min(jobs, len(tasks)) or 1
    if jobs == 1:
        done = iter([linter.lint_file(*t) for t in tasks])
    else:
        pooled = _in_pool(linter, tasks, jobs, keep_text)
        for r in pooled:  # leave the parent's linter as a serial run would (SARIF's rule table)
            if r.document is not None and r.document.lang:
                linter.rules_for(r.document.lang)
        done = iter(pooled)
    return [next(done) if isinstance(e, tuple) else e for e in entries]


def _in_pool(linter: Linter, tasks: list[Task], jobs: int, keep_text: bool) -> list[FileResult]:
    import multiprocessing  # 9 ms: only runs that use a pool pay it

    methods = multiprocessing.get_all_start_methods()
    ctx: multiprocessing.context.BaseContext
    if "fork" in methods:
        ctx = multiprocessing.get_context("fork")
        init: tuple[object, ...] = (linter, None, keep_text)
    else:
        ctx = multiprocessing.get_context()
        init = (None, linter.config, keep_text)
    chunk = max(1, len(tasks) // (jobs * 8))
    with ctx.Pool(jobs, initializer=_init, initargs=init) as pool:
        return pool.map(_lint_one, tasks, chunksize=chunk)


def _init(linter: Linter | None, config: Config | None, keep_text: bool) -> None:
    if linter is None:
        from .engine import Linter

        assert config is not None
        linter = Linter(config)
    _worker["linter"] = linter
    _worker["keep_text"] = keep_text


def _lint_one(task: Task) -> FileResult:
    result = _worker["linter"].lint_file(*task)
    doc = result.document
    if doc is not None:
        doc.word_count  # noqa: B018 (the checklist line shows it: counted while the text is here)
        # Shared analysis is cheap to redo and costly to send back: drop it,
        # keeping the figures a report shows (the grade).
        for name in ("sentences", "words", "lines", "sentence_words", "_sentence_counts",
                     "sentence_starts", "folded"):
            doc.__dict__.pop(name, None)
        doc.cache = {k: v for k, v in doc.cache.items() if isinstance(v, (int, float))}
        if not _worker["keep_text"]:
            doc.source = doc.text = ""
    return result
