"""Every rule's own examples, run as tests: the docs cannot drift from behaviour.

Each rule runs alone on each of its examples: a `flag` draft must give it at least
one finding, a `pass` draft none.
"""

from __future__ import annotations

import pytest

from tonelint import packs
from tonelint.config import Config
from tonelint.engine import Linter

CASES = [
    pytest.param(lang, rule.meta.id, kind, text, id=f"{lang}:{rule.meta.id}:{kind}{i}")
    for lang in packs.languages()
    for rule in packs.load_rules(lang).rules
    for kind, examples in (("flag", rule.meta.flag), ("pass", rule.meta.passes))
    for i, text in enumerate(examples)
]


@pytest.fixture(scope="module")
def linters() -> dict[str, Linter]:
    return {}


@pytest.mark.parametrize(("lang", "rule_id", "kind", "text"), CASES)
def test_rule_example(lang: str, rule_id: str, kind: str, text: str, linters: dict[str, Linter]) -> None:
    key = f"{lang}:{rule_id}"
    if key not in linters:
        linters[key] = Linter(Config(lang=lang, select=[rule_id]))
    found = [f for f in linters[key].lint_text(text) if f.rule == rule_id]
    if kind == "flag":
        assert found, f"{rule_id} should flag:\n{text}"
    else:
        assert not found, f"{rule_id} should pass:\n{text}\nbut said: {[f.message for f in found]}"
