"""The pre-commit hook, run by the real pre-commit from a git commit.

The hook repository is a snapshot of this checkout as it is on disk (committed
or not), so the test checks the working tree's ``.pre-commit-hooks.yaml`` and
code. pre-commit builds the hook's environment with pip, as for a user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="needs pre-commit (the test extra)")
if shutil.which("git") is None:
    pytest.skip("needs git", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
PACKS = Path(__file__).parent / "itest_pack"
SHIPPED = ("src", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Git and pre-commit kept away from the user's own config and cache."""
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
    }


def hook_repository(target: Path, env: dict[str, str]) -> str:
    """A git repository holding this checkout's working tree; returns its commit."""
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    git(target, "init", "-q", env=env)
    git(target, "add", "-A", env=env)
    git(target, "commit", "-q", "-m", "snapshot", env=env)
    return git(target, "rev-parse", "HEAD", env=env).stdout.strip()


def test_a_commit_with_a_blaming_draft_fails_and_a_clean_one_passes(tmp_path: Path, env) -> None:
    hooks = tmp_path / "tonelint-checkout"
    hooks.mkdir()
    rev = hook_repository(hooks, env)
    project = tmp_path / "project"
    (project / "templates").mkdir(parents=True)
    git(project, "init", "-q", env=env)
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: tonelint\n"
        f"        args: [--rules, {PACKS}, --select, itest]\n",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env,
                   check=True, capture_output=True)
    draft = project / "templates" / "goodbye.txt"

    draft.write_text("We are ending the project because you ruined the launch.\n", encoding="utf-8")
    git(project, "add", "-A", env=env)
    failed = subprocess.run(["git", "commit", "-m", "blaming draft"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert failed.returncode != 0
    assert "templates/goodbye.txt:1:35: TL9901 [itest.you-ruined]" in failed.stdout + failed.stderr

    draft.write_text("We are ending the project after the launch slipped; thank you.\n", encoding="utf-8")
    git(project, "add", "-A", env=env)
    passed = subprocess.run(["git", "commit", "-m", "clean draft"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    output = passed.stdout + passed.stderr
    assert "tonelint" in output and "Passed" in output


def test_the_hook_manifest_is_valid() -> None:
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
