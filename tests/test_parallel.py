"""``--jobs``: the same output as a serial run, whatever the number of workers."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tonelint import parallel
from tonelint.config import Config
from tonelint.engine import FileResult, Linter
from tonelint.errors import TonelintError

DRAFTS = [
    "Hi Sam,\n\nYou failed to send the files, so we end the contract on Friday.\n\nBest,\nAna\n",
    "Dear Lee,\n\nWe are moving the work in house because the budget was cut. "
    "Please send the final invoice by May. Thank you for the careful work.\n\nRegards,\nJo\n",
    "Hello,\n\nYou neglected to answer us. You refused to pay. WE ARE DONE.\n",
    "",
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A template repository: drafts in nested folders, one file that is not UTF-8."""
    root = tmp_path / "templates"
    for i in range(48):
        folder = root / f"team-{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"t{i:02d}.txt").write_text(DRAFTS[i % len(DRAFTS)] * (1 + i % 3), encoding="utf-8")
    (root / "team-1" / "latin1.txt").write_bytes("Caf\xe9 closed.".encode("latin-1"))
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_jobs_output_is_the_serial_output(run_cli, repo: Path, fmt: str) -> None:
    args = ("--isolated", "--format", fmt, "--color", "never", str(repo), "missing.txt")
    serial = run_cli(*args, "--jobs", "1")
    assert serial.returncode == 2 and "blame.you-failed" in serial.stdout
    for jobs in ("2", "3"):
        parallel_run = run_cli(*args, "--jobs", jobs)
        assert (parallel_run.returncode, parallel_run.stdout, parallel_run.stderr) == (
            serial.returncode, serial.stdout, serial.stderr)
    default = run_cli(*args)
    assert (default.returncode, default.stdout, default.stderr) == (
        serial.returncode, serial.stdout, serial.stderr)


@pytest.mark.parametrize("extra", [("--select", "blame"), ("--diff",)])
def test_jobs_output_is_the_serial_output_when_workers_send_less(run_cli, repo: Path, extra: tuple[str, ...]) -> None:
    """Workers send back no text unless fixing: the checklist's word counts
    (no length rule selected) and the diff (which needs the text) still match."""
    for i in range(0, 48, 5):
        (repo / f"team-{i % 3}" / f"t{i:02d}.txt").write_text("We will utilize the budget.\n", encoding="utf-8")
    args = ("--isolated", "--color", "never", *extra, str(repo))
    serial = run_cli(*args, "--jobs", "1")
    assert " words" in serial.stdout or "+++" in serial.stdout
    pooled = run_cli(*args, "--jobs", "2")
    assert (pooled.returncode, pooled.stdout, pooled.stderr) == (serial.returncode, serial.stdout, serial.stderr)


def test_jobs_must_be_positive(run_cli, repo: Path) -> None:
    result = run_cli("--jobs", "0", str(repo))
    assert result.returncode == 2
    assert result.stderr.startswith("tonelint: error:") and "Traceback" not in result.stderr


def test_lint_all_keeps_order_and_passes_finished_results_through(repo: Path) -> None:
    linter = Linter(Config(base_dir=repo))
    files = sorted(repo.rglob("*.txt"))
    stdin = FileResult("<stdin>")
    entries: list[parallel.Entry] = [stdin, *((p, str(p)) for p in files)]
    serial = parallel.lint_all(linter, entries, jobs=1)
    pooled = parallel.lint_all(linter, entries, jobs=2)
    assert pooled[0] is stdin
    assert [r.path for r in pooled] == ["<stdin>", *map(str, files)]
    assert [r.findings for r in pooled] == [r.findings for r in serial]
    assert [str(r.error) for r in pooled] == [str(r.error) for r in serial]
    assert any(r.error is not None for r in pooled) and any(r.findings for r in pooled)


def test_default_jobs_is_one_for_few_files_and_all_cores_for_many() -> None:
    assert parallel.default_jobs(1) == 1
    assert parallel.default_jobs(parallel.MIN_FILES_PER_JOB - 1) == 1
    assert parallel.default_jobs(10_000) == parallel.cores()


def test_errors_keep_their_place_across_processes() -> None:
    error = pickle.loads(pickle.dumps(TonelintError("not UTF-8", "a.txt", 3, 7)))
    assert (error.message, error.path, error.line, error.column) == ("not UTF-8", "a.txt", 3, 7)
    assert str(error) == "a.txt:3:7: not UTF-8"
