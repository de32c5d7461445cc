"""The rule packs themselves: schema, unique ids and codes, examples of both kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonelint import packs
from tonelint.errors import TonelintError
from tonelint.finding import CORE_CATEGORIES

LANGS = packs.languages()


def test_builtin_languages_are_shipped() -> None:
    assert {"en"} <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_core_category_has_rules(lang: str) -> None:
    categories = {r.meta.category for r in packs.load_rules(lang).rules}
    assert set(CORE_CATEGORIES) <= categories


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_both_kinds_of_example(lang: str) -> None:
    for rule in packs.load_rules(lang).rules:
        assert rule.meta.flag and rule.meta.passes, rule.meta.id


def test_a_code_means_one_rule_in_every_language() -> None:
    owner: dict[str, str] = {}
    for lang in LANGS:
        for rule in packs.load_rules(lang).rules:
            assert owner.setdefault(rule.meta.code, rule.meta.id) == rule.meta.id, rule.meta.code


GOOD = """\
rules:
  - id: test.rude
    code: TL9001
    kind: phrase
    category: unfriendly
    severity: warning
    message: rude
    patterns: [rude]
    examples: {flag: [rude], pass: [kind]}
"""


def write_pack(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "pack"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "test.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("    patterns:", "    patern: [x]\n    patterns:"), 8, "unknown key 'patern'"),
        (GOOD.replace("patterns: [rude]", "patterns: ['(unclosed']"), 8, "does not compile"),
        (GOOD.replace("kind: phrase", "kind: magic"), 4, "'magic' is not one of"),
        (GOOD.replace("severity: warning", "severity: loud"), 6, "'loud' is not one of"),
        (GOOD.replace("code: TL9001", "code: X1"), 3, "does not match"),
        (GOOD.replace("    examples: {flag: [rude], pass: [kind]}\n", ""), 2, "missing key 'examples'"),
        (GOOD.replace("examples: {flag: [rude], pass: [kind]}", "examples: {flag: [rude]}"), 9, "flag"),
        ("rules: [\n  - {", 2, "not valid YAML"),
        (GOOD + GOOD.split("rules:\n", 1)[1], 10, "duplicate rule id 'test.rude'"),
        (GOOD + GOOD.split("rules:\n", 1)[1].replace("test.rude", "test.other"), 10, "duplicate code TL9001"),
        (GOOD.replace("    message: rude\n", "    message: rude\n    message: again\n"), 8, "duplicate key"),
    ],
)
def test_a_broken_pack_names_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    folder = write_pack(tmp_path, text)
    with pytest.raises(TonelintError) as err:
        packs.load_rules("en", (folder,))
    assert err.value.path and err.value.path.endswith("test.yaml")
    assert err.value.line == line
    assert words in err.value.message


def test_a_user_pack_adds_rules(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, GOOD)
    ids = {r.meta.id for r in packs.load_rules("en", (folder,)).rules}
    assert "test.rude" in ids and "blame.you-failed" in ids
