"""Shared fixtures. The suite is self-contained: it never reads ../shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# Property tests explore new examples on a developer's machine; in CI (CI=true)
# they replay the same ones, so a submission never fails on a fresh random draw.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
OFFLINE = Path(__file__).resolve().parent / "offline"


def offline_env(env: dict[str, str] | None = None, log: Path | None = None) -> dict[str, str]:
    """``env`` (default: ours) with tests/offline/sitecustomize.py loaded first:
    every CLI test is also a test that tonelint reaches no network. Attempts are
    refused, and written to ``log`` when one is given."""
    out = dict(os.environ if env is None else env)
    out["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OFFLINE), out.get("PYTHONPATH")]))
    if log is not None:
        out["TONELINT_TEST_NETWORK_LOG"] = str(log)
    return out


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run ``tonelint`` as a user would: a real process, from ``tmp_path``."""

    def run(*args: str, input: str | bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        data = input.encode() if isinstance(input, str) else input
        log = tmp_path.parent / f"{tmp_path.name}-network.log"  # outside the test's folder
        proc = subprocess.run(
            [sys.executable, "-m", "tonelint", *args],
            input=data if data is not None else b"",
            capture_output=True,
            cwd=cwd or tmp_path,
            env=offline_env(env, log),
        )
        if log.exists():
            pytest.fail(f"tonelint {' '.join(args)} tried the network:\n{log.read_text()}")
        return subprocess.CompletedProcess(
            proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    return run


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """The rule cache in a folder of the run's own, never the user's (subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TONELINT_CACHE_DIR", str(tmp_path_factory.mktemp("tonelint-cache")))
        yield
