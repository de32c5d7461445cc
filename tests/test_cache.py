"""The rule cache: served when the packs are unchanged, rebuilt when they change,
and never in the way (corrupt, unwritable or turned off)."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from tonelint import cache, packs

PACK = """\
rules:
  - id: local.farewell
    code: TL990
    kind: phrase
    category: unfriendly
    severity: warning
    message: "{match}: MESSAGE"
    patterns: ["so long", "good riddance"]
    examples:
      flag: ["Good riddance."]
      pass: ["Goodbye."]
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TONELINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    (pack / "en").mkdir(parents=True)
    (pack / "en" / "local.yaml").write_text(PACK.replace("MESSAGE", "first"), encoding="utf-8")
    return pack


def messages(ruleset: packs.RuleSet) -> dict[str, str]:
    return {r.meta.id: r.meta.message for r in ruleset.rules}


def test_the_second_load_is_served_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.load_rules("en", (folder,))
    assert list((folder.parent / "cache").glob("rules-en-*.pickle"))

    def no_yaml(*_: object) -> None:
        raise AssertionError("the packs were parsed again")

    monkeypatch.setattr(packs, "load_rules", no_yaml)
    again = cache.load_rules("en", (folder,))
    assert messages(again) == messages(first)
    rule = next(r for r in again.rules if r.meta.id == "local.farewell")
    assert rule.matcher.regex.search("well, good riddance then").group() == "good riddance"


def test_an_edited_pack_is_never_served_stale(folder: Path) -> None:
    assert messages(cache.load_rules("en", (folder,)))["local.farewell"] == "{match}: first"
    (folder / "en" / "local.yaml").write_text(PACK.replace("MESSAGE", "second"), encoding="utf-8")
    assert messages(cache.load_rules("en", (folder,)))["local.farewell"] == "{match}: second"


def test_a_corrupt_entry_is_rebuilt(folder: Path) -> None:
    expected = messages(cache.load_rules("en", (folder,)))
    for entry in (folder.parent / "cache").glob("rules-en-*.pickle"):
        entry.write_bytes(b"\x80\x05not a pickle")
    assert messages(cache.load_rules("en", (folder,))) == expected
    entry = next((folder.parent / "cache").glob("rules-en-*.pickle"))
    assert isinstance(pickle.loads(entry.read_bytes()), packs.RuleSet)


def test_an_entry_of_the_wrong_kind_is_rebuilt(folder: Path) -> None:
    expected = messages(cache.load_rules("en", (folder,)))
    for entry in (folder.parent / "cache").glob("rules-en-*.pickle"):
        entry.write_bytes(pickle.dumps({"not": "a ruleset"}))
    assert messages(cache.load_rules("en", (folder,))) == expected


def test_an_unwritable_cache_folder_is_skipped(tmp_path: Path, folder: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TONELINT_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot exist
    assert messages(cache.load_rules("en", (folder,)))["local.farewell"] == "{match}: first"
    assert not list(tmp_path.rglob("*.pickle"))


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path: Path, folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONELINT_CACHE_DIR", "")
    assert cache.cache_dir() is None
    assert messages(cache.load_rules("en", (folder,)))["local.farewell"] == "{match}: first"
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_broken_pack_is_an_error_and_is_not_cached(folder: Path) -> None:
    from tonelint.errors import TonelintError

    (folder / "en" / "local.yaml").write_text("rules: 3\n", encoding="utf-8")
    with pytest.raises(TonelintError):
        cache.load_rules("en", (folder,))
    assert not list((folder.parent / "cache").glob("rules-*.pickle"))


@pytest.mark.parametrize("pattern, flags", [
    (r"(?<![\w'’])(?:you (?:have )?failed)(?![\w’]|'\w)", re.IGNORECASE),
    (r"(?P<who>we|I) (?:am|are) (\w+)", 0),
])
def test_regexes_come_back_from_their_program_as_compiled(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    restored = pickle.loads(_dumps(regex))
    assert (restored.pattern, restored.flags, restored.groupindex) == (regex.pattern, regex.flags, regex.groupindex)
    for text in ["You have failed us", "we are done", "I am sorry, you failed"]:
        assert [m.groups() for m in restored.finditer(text)] == [m.groups() for m in regex.finditer(text)]


@pytest.mark.parametrize("pattern, flags", [
    (r"(?<![\w'’])(?:you (?:have )?failed)(?![\w’]|'\w)", re.IGNORECASE),
    (r"(?P<who>we|I) (?:am|are) (\w+)", 0),
])
def test_a_kept_rule_pattern_comes_back_from_its_program_when_first_used(
        pattern: str, flags: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not compiled again from its source: a draft pays only for the regexes it runs."""
    from tonelint.patterns import FastPattern

    kept = _dumps(FastPattern(pattern, flags))
    monkeypatch.setattr(re, "compile", lambda *a: pytest.fail(f"compiled from source: {a}"))
    restored = pickle.loads(kept)
    assert (restored.pattern, restored.flags) == (pattern, flags)
    for text in ["You have failed us", "we are done", "I am sorry, you failed"]:
        assert [m.groups() for m in restored.finditer(text)] == \
            [m.groups() for m in re._compiler.compile(pattern, flags).finditer(text)]


def test_a_program_that_does_not_fit_falls_back_to_compiling() -> None:
    regex = cache._restore("you", re.IGNORECASE | re.UNICODE, ("other", 0, [1, 2, 3], 0, {}, (None,)))
    assert regex.pattern == "you" and regex.search("YOU") is not None


def _dumps(value: object) -> bytes:
    import io

    buf = io.BytesIO()
    cache._Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buf.getvalue()
