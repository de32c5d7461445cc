"""``--fix`` and ``--diff``: substitutions applied in place, atomically, keeping the file's form."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tonelint import fix
from tonelint.config import Config
from tonelint.engine import Linter
from tonelint.errors import TonelintError

PACKS = Path(__file__).parent / "itest_pack"
ARGS = ("--rules", str(PACKS), "--select", "itest")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, inode and mtime: what "untouched" means."""
    return {p.name: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_fix_applies_replacements_and_a_second_run_changes_nothing(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sadly you ruined it. Reply asap.\n", encoding="utf-8")
    first = run_cli("d.txt", "--fix", *ARGS)
    assert draft.read_text(encoding="utf-8") == "Unfortunately you ruined it. Reply soon.\n"
    assert "fixed 2 findings in d.txt" in first.stderr
    # What is left is reported at its place in the new text, and still fails.
    assert first.returncode == 1
    assert first.stdout.splitlines()[0] == "d.txt:1:15: TL9901 [itest.you-ruined] you ruined blames the client."
    before = snapshot(tmp_path)
    second = run_cli("d.txt", "--fix", *ARGS)
    assert snapshot(tmp_path) == before
    assert "fixed" not in second.stderr


@pytest.mark.parametrize(("bom", "codec"), [
    (b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
])
def test_encoding_bom_and_crlf_are_kept(run_cli, tmp_path: Path, bom: bytes, codec: str) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes(bom + "Hello,\r\nSadly we stop.\r\nBye\r".encode(codec))
    proc = run_cli("d.txt", "--fix", *ARGS)
    assert proc.returncode == 0, proc.stderr
    assert draft.read_bytes() == bom + "Hello,\r\nUnfortunately we stop.\r\nBye\r".encode(codec)


def test_permissions_are_kept_and_no_temporary_file_is_left(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sadly.\n", encoding="utf-8")
    draft.chmod(0o640)
    run_cli("d.txt", "--fix", *ARGS)
    assert draft.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]


def test_a_file_without_a_fix_is_not_touched(run_cli, tmp_path: Path) -> None:
    (tmp_path / "blame.txt").write_text("You ruined it.\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("All good.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    proc = run_cli("blame.txt", "clean.txt", "--fix", *ARGS)
    assert proc.returncode == 1
    assert snapshot(tmp_path) == before


def test_a_read_only_file_is_an_error_and_stays_as_it_was(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sadly.\n", encoding="utf-8")
    draft.chmod(0o444)
    before = snapshot(tmp_path)
    proc = run_cli("d.txt", "--fix", *ARGS)
    assert proc.returncode == 2
    assert "d.txt: read-only file, not fixed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(tmp_path) == before


def lint(path: Path) -> fix.Fix:
    linter = Linter(Config(rules=[str(PACKS)], select=["itest"]))
    planned = fix.plan(linter.lint_file(path))
    assert planned is not None
    return planned


def test_a_vanished_file_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sadly.\n", encoding="utf-8")
    planned = lint(draft)
    draft.unlink()
    with pytest.raises(TonelintError, match="vanished"):
        fix.write(planned)
    assert list(tmp_path.iterdir()) == []


def test_a_file_changed_since_linting_is_not_overwritten(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sadly.\n", encoding="utf-8")
    planned = lint(draft)
    draft.write_text("Sadly, a new sentence.\n", encoding="utf-8")
    with pytest.raises(TonelintError, match="changed"):
        fix.write(planned)
    assert draft.read_text(encoding="utf-8") == "Sadly, a new sentence.\n"


def test_a_failed_write_leaves_the_original_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sadly.\n", encoding="utf-8")
    planned = lint(draft)

    def disk_full(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(TonelintError, match="No space left on device"):
        fix.write(planned)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]
    assert draft.read_text(encoding="utf-8") == "Sadly.\n"


def test_diff_prints_the_change_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Hello,\nSadly we stop asap.\nBye", encoding="utf-8")
    before = snapshot(tmp_path)
    proc = run_cli("d.txt", "--diff", *ARGS)
    assert proc.returncode == 1
    assert proc.stdout == (
        "--- a/d.txt\n+++ b/d.txt\n@@ -1,3 +1,3 @@\n Hello,\n"
        "-Sadly we stop asap.\n+Unfortunately we stop soon.\n Bye\n\\ No newline at end of file\n"
    )
    assert snapshot(tmp_path) == before
    clean = run_cli("-", "--diff", *ARGS, input="All good.")
    assert (clean.returncode, clean.stdout) == (0, "")


def test_fix_on_standard_input_prints_the_fixed_text(run_cli) -> None:
    proc = run_cli("-", "--fix", *ARGS, input="Hi,\r\nsadly we stop.")
    assert proc.stdout == "Hi,\r\nunfortunately we stop."
    assert proc.returncode == 0


def test_overlapping_replacements_apply_the_first_and_leave_the_rest() -> None:
    from tonelint.finding import Finding, Severity

    def sub(start: int, end: int, new: str) -> Finding:
        return Finding("p", 1, start + 1, 1, end + 1, "TL1", "x.y", "c", Severity.INFO, "m",
                       replacement=new, offset=start, end_offset=end)

    text = "abcdef"
    assert fix.apply(text, [sub(3, 5, "X"), sub(0, 2, "Y"), sub(1, 3, "Z")]) == ("YcXf", 2)


def test_a_symlink_stays_a_link_and_its_target_is_fixed(run_cli, tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("Sadly.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    run_cli("link.txt", "--fix", *ARGS)
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "Unfortunately.\n"
