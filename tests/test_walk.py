"""A folder is walked for drafts in a stable order, as os.walk would list them."""

from __future__ import annotations

import os
from pathlib import Path

from tonelint import readers
from tonelint.engine import SKIP_DIRS, expand_paths


def os_walk_drafts(folder: Path) -> list[str]:
    """The reference: os.walk, folders filtered and sorted, files sorted."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        out += [str(Path(root) / f) for f in sorted(files) if readers.is_draft(Path(f))]
    return out


def test_the_walk_lists_what_os_walk_lists_in_the_same_order(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.MD", "notes.pdf", "z/inner.txt", "z/deeper/x.html", "a-dir/first.eml",
                ".git/HEAD.txt", "node_modules/pkg/readme.md", ".hidden/draft.txt", "B/upper.txt",
                "t.txt.j2", "plain"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Thank you.", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "z")  # a link to a folder is not followed
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")  # a link to a draft is one
    listed = [item for item in expand_paths([str(tmp_path)]) if not isinstance(item, Exception)]
    assert [name for _, name in listed] == os_walk_drafts(tmp_path)
    assert str(tmp_path / "link.txt") in [name for _, name in listed]
    assert not any("linked" in name or ".git" in name or "node_modules" in name for _, name in listed)


def test_named_files_come_back_as_named_folders_walked_and_missing_names_said(tmp_path: Path,
                                                                            monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("Thank you.", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path / "loop")  # a link to itself: no file behind it
    items = list(expand_paths(["./drafts/a.txt", "./drafts/", "gone.txt", "loop", "empty", "bad\0name"]))
    assert items[:2] == [("./drafts/a.txt", "./drafts/a.txt"), ("drafts/a.txt", "drafts/a.txt")]
    assert [(e.message, e.path) for e in items[2:]] == [  # type: ignore[union-attr]
        ("no such file or folder", "gone.txt"), ("no such file or folder", "loop"),
        ("no drafts in this folder (looked for: " + ", ".join(sorted(readers.READERS)) + ")", "empty"),
        ("no such file or folder", "bad\0name")]
