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


@pytest.mark.parametrize("lang", packs.languages())
def test_the_merged_pass_finds_in_every_example_what_each_rule_finds_alone(lang: str) -> None:
    """A run of many drafts answers the rules from one merged pass, and skips a
    rule that pass shows quiet; the findings are those of each rule asked alone."""
    texts = [t for rule in packs.load_rules(lang).rules for t in (*rule.meta.flag, *rule.meta.passes)]
    merged = Linter(Config(lang=lang))
    merged.expect(1000)  # many drafts: the merged pass from the first
    quiet = 0
    for text in texts:
        alone = Linter(Config(lang=lang))  # a first short draft: each rule scans on its own
        doc = merged.read(text, "x.txt")
        assert merged.lint_document(doc) == alone.lint_text(text, "x.txt")
        for active in merged.rules_for(lang):
            if active.rule.quiet(doc):
                quiet += 1
                assert list(active.rule.check(doc)) == [], (active.rule.meta.id, text)
    assert quiet or lang == "hu"  # the Hungarian rules match accents loosely: no merged pass
