"""The Hungarian pack end to end: whole drafts, accents, syllables, ids shared with English.

The drafts here are written for these tests; the rule files' own examples are
run by test_rule_examples.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tonelint import packs, textmetrics
from tonelint.config import Config
from tonelint.document import fold_accents, split_sentences
from tonelint.engine import Linter
from tonelint.finding import CORE_CATEGORIES
from tonelint.placeholders import Placeholders

CLEAN_FORMAL = """Tisztelt Szabó Asszony!

Értesítem, hogy tervezőirodánk a jövő évtől csak középületek tervezését vállalja,
ezért a Szabó Kertészet Bt. üzemcsarnokának tervezési szerződését a 8. pont
szerinti 60 napos felmondási idővel, 2025. december 31-ével megszüntetjük.

Az engedélyezési tervet még elkészítjük, a teljes tervanyagot 2026. január 20-ig
átadjuk az Ön által megnevezett irodának. Ha még nem választott, szívesen
ajánlunk egyet.

Köszönjük a hat év bizalmát és a kiváló együttműködést.

Tisztelettel:
Varga Judit
"""

CLEAN_INFORMAL = """Szia Bence!

Tőlem akartam, hogy halld: nyártól Grazban tanítok, így a heti gitárórákat
befejezzük. Semmi köze hozzád, haladtál szépen.

Júniusban még megtartjuk a négy órát, a kottákat és a hangfelvételeket pedig
az utolsó órán odaadom. Ha folytatnád, Dórit ajánlom, nála tanultam én is.

Köszönöm a két évet, öröm volt tanítani!

Üdv,
Marci
"""

BLAME_UNFRIENDLY = """Szia Robi!

Ahogy már vagy háromszor elmondtam, a tesztszervert nem lehet élesnek használni.
Te mégis oda töltötted fel az új verziót, a mentéseket pedig nem állítottad be.
Hányszor kell még leírnom? Részemről ennyi volt!!!

Gábor
"""

SUGARCOATED = """Kedves Lili!

Jaj, nagyon-nagyon sajnálom, és ne haragudj, nagyon nehéz ezt leírnom. Arra
gondoltam, hogy talán tarthatnánk egy kis szünetet, aztán majd meglátjuk, hogyan
alakul. Ki tudja, tavasszal talán újra együtt dolgozhatunk!

Ölel:
Anna
"""

FORMAL_BLAME = """Tisztelt Kiss Úr!

Ön az elmúlt fél évben a bizonylatokat rendre késve küldte meg, a januári
bevallás pedig az Ön hibájából csúszott. Ilyen feltételek mellett a megbízást
nem tudom tovább vállalni. A végszámlát mellékelem.

Tisztelettel:
Fekete Anna
"""

DRAFTS = {
    "clean formal": (CLEAN_FORMAL, set()),
    "clean informal": (CLEAN_INFORMAL, set()),
    "blame, unfriendly": (
        BLAME_UNFRIENDLY,
        {"blame", "unfriendly", "missing-next-steps", "missing-thanks"},
    ),
    "sugar-coated": (
        SUGARCOATED,
        {"sugarcoating", "missing-reason", "missing-next-steps", "missing-thanks"},
    ),
    "formal blame": (FORMAL_BLAME, {"blame", "missing-thanks"}),
}


@pytest.fixture(scope="module")
def hungarian() -> Linter:
    return Linter(Config(lang="hu"))


def categories(linter: Linter, text: str) -> set[str]:
    return {f.category for f in linter.lint_text(text)} & set(CORE_CATEGORIES)


@pytest.mark.parametrize("name", DRAFTS)
def test_whole_drafts(hungarian: Linter, name: str) -> None:
    text, expected = DRAFTS[name]
    assert categories(hungarian, text) == expected


@pytest.mark.parametrize("name", DRAFTS)
def test_a_draft_typed_without_accents_reads_the_same(hungarian: Linter, name: str) -> None:
    text, expected = DRAFTS[name]
    assert categories(hungarian, fold_accents(text)) == expected


@pytest.mark.parametrize("name", DRAFTS)
def test_auto_detects_every_draft_as_hungarian(name: str) -> None:
    text, _ = DRAFTS[name]
    linter = Linter(Config())
    assert linter.read(text, "x.txt").lang == "hu"
    assert linter.read(fold_accents(text), "x.txt").lang == "hu"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Nem küldted el a fájlokat.", "blame.you-failed"),
        ("A fájlokat nem kuldted el.", "blame.you-failed"),
        ("Önök a határidőket rendre figyelmen kívül hagyták.", "blame.you-failed"),
        ("A ti hanyagságotok miatt csúszott a kampány.", "blame.your-fault"),
        ("Ha időben szóltál volna, nem tartanánk itt.", "blame.you-should-have"),
        ("Csak többszöri felszólításra fizettek.", "blame.after-reminders"),
        ("Ön szerint ez így rendben van?", "blame.rhetorical-question"),
        ("Ezt egy kezdő is tudja.", "unfriendly.condescension"),
        ("Köszönöm a sok „segítséget”.", "unfriendly.sarcasm"),
    ],
)
def test_blame_and_tone_in_endings_and_cases(hungarian: Linter, text: str, rule: str) -> None:
    assert rule in {f.rule for f in hungarian.lint_text(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Ez semmiképp sem a ti hibátok.",
        "Ha még nem választottál utódot, szívesen ajánlok egyet.",
        "Tudom, hogy nem erre számítottál.",
        "Köszönöm, hogy rám bíztad a honlapot.",
    ],
)
def test_no_blame_where_there_is_none(hungarian: Linter, text: str) -> None:
    assert not [f for f in hungarian.lint_text(text) if f.category == "blame"]


@pytest.mark.parametrize(
    ("word", "count"),
    [("elmulasztotta", 5), ("autó", 3), ("együttműködés", 5), ("aki", 2), ("Kft", 1), ("ŐSZ", 1)],
)
def test_hungarian_syllables_are_vowels(word: str, count: int) -> None:
    assert textmetrics.syllables(word, textmetrics.VOWELS["hu"]) == count


def test_hungarian_grade_loads_no_hyphenation_dictionary() -> None:
    code = (
        "import sys; from tonelint import textmetrics as t;"
        "g = t.grade('Ez egy rövid mondat. Ez is az.', 'hu');"
        "print(g > 0, 'pyphen' in sys.modules, 'textstat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


def test_grade_counts_a_date_as_part_of_its_sentence() -> None:
    one = "A bérlet a 2021. június 7-én aláírt megállapodás 4. pontja szerint jár le."
    assert len(split_sentences(one)) == 1
    assert len(split_sentences("Ez az első. Ez a második. Dr. Kiss is írt.")) == 4


def test_hungarian_placeholders() -> None:
    spans = Placeholders().spans("Kedves [Ügyfél neve]! %VÉGDÁTUM% napjáig, {ügyfél}. 10% és 20%")
    assert len(spans) == 3


def test_a_rule_id_has_one_code_in_every_language() -> None:
    code_of: dict[str, str] = {}
    for lang in packs.languages():
        for rule in packs.load_rules(lang).rules:
            assert code_of.setdefault(rule.meta.id, rule.meta.code) == rule.meta.code, rule.meta.id


def test_hungarian_only_rules_use_their_own_codes() -> None:
    """TLx5x-TLx9x are the Hungarian-only codes (see the ids table): not English ids."""
    english = {r.meta.id for r in packs.load_rules("en").rules}
    own = [r.meta.id for r in packs.load_rules("hu").rules if int(r.meta.code[-2:]) >= 50]
    assert own and not english & set(own)


def test_rules_lists_the_hungarian_pack(run_cli) -> None:
    out = run_cli("rules", "--lang", "hu")
    assert out.returncode == 0
    assert "TL101   blame.you-failed" in out.stdout
    assert "TL150   blame.after-reminders" in out.stdout


def test_the_readme_example_is_what_tonelint_prints(run_cli, tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Hungarian", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    draft, _, rest = example.removeprefix("$ cat level.txt\n").partition("$ tonelint ")
    command, _, output = rest.partition("\n")
    (tmp_path / "level.txt").write_text(draft, encoding="utf-8")
    assert run_cli(*command.split()).stdout == output
