"""`lang: auto`: the pack told per draft from its words, offline, with a fallback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tonelint import langdetect
from tonelint.config import Config
from tonelint.engine import Linter

HU = """Kedves Anna!

Szeptembertől Debrecenbe költözöm, ezért a heti edzéseinket a hónap végével
lezárom. A megmaradt alkalmak árát visszautalom. Köszönöm a bizalmat!

Üdv,
Péter
"""
EN = """Hi Anna,

I'm moving to Leeds in September, so I will end our weekly sessions at the end of
the month. I'll refund the sessions you have left. Thank you for your trust!

Best,
Peter
"""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (HU, "hu"),
        (EN, "en"),
        # typed without accents, as many Hungarian drafts are
        ("Szia Zoli! Sajnos a honlapot nem tudom tovabb vinni, de a fajlokat atadom. Koszi!", "hu"),
        ("TISZTELT KOVÁCS ÚR! A SZERZŐDÉST FELMONDOM.", "hu"),
        # Hungarian names in an English draft, English words in a Hungarian one
        ("Dear Mr. Kovács, thank you for the work with Szép Kft. We will end the project.", "en"),
        ("Kedves Ádám! A weboldal deploy-át és a backend hosting szerződést is átadom.", "hu"),
        # too little to tell
        ("", None),
        ("OK.", None),
        ("Péter", None),
    ],
)
def test_detect(text: str, lang: str | None) -> None:
    assert langdetect.detect(text) == lang


def test_only_the_given_languages_are_candidates() -> None:
    assert langdetect.detect(HU, ["en"]) is None
    assert langdetect.detect(HU, ["hu", "de"]) == "hu"


def test_profiles_share_no_words() -> None:
    words = [p.folded_words for p in langdetect.PROFILES.values()]
    assert not set.intersection(*(set(w) for w in words))


def test_detection_is_fast_on_a_long_draft() -> None:
    text = HU * 400  # some 12,000 words; only the first MAX_WORDS are read
    start = time.perf_counter()
    assert langdetect.detect(text) == "hu"
    assert time.perf_counter() - start < 0.5


def test_auto_is_the_default_and_picks_the_pack_per_draft() -> None:
    linter = Linter(Config())
    assert linter.config.lang == "auto"
    hu = linter.read("Ön a határidőt ismét elmulasztotta, ezért a munkát befejezem.", "a.txt")
    en = linter.read("You failed to send the files, so I am ending the project.", "b.txt")
    assert (hu.lang, en.lang) == ("hu", "en")
    assert hu.lang_note == "language hu (detected)"


def test_undetectable_draft_falls_back_and_says_so() -> None:
    doc = Linter(Config(fallback_lang="hu")).read("OK.", "c.txt")
    assert doc.lang == "hu"
    assert "not recognised" in doc.lang_note and "fallback-lang" in doc.lang_note


def test_a_given_language_is_not_second_guessed() -> None:
    doc = Linter(Config(lang="en")).read(HU, "d.txt")
    assert (doc.lang, doc.lang_note) == ("en", "")


def test_a_selector_from_another_pack_is_no_config_error() -> None:
    Linter(Config(lang="en", ignore=["blame.after-reminders"]))  # a Hungarian-only rule


def test_cli_auto_force_and_verbose(run_cli, tmp_path: Path) -> None:
    (tmp_path / "hu.txt").write_text(HU.replace("Köszönöm a bizalmat!", ""), encoding="utf-8")
    (tmp_path / "short.txt").write_text("OK.\n", encoding="utf-8")

    auto = run_cli("--format", "json", "--verbose", "hu.txt", "short.txt")
    rules = {(f["path"], f["rule"]) for f in json.loads(auto.stdout)}
    assert ("hu.txt", "missing.thanks") in rules
    assert "hu.txt: language hu (detected)" in auto.stderr
    assert "short.txt: language not recognised; linted as en (fallback-lang)" in auto.stderr

    forced = run_cli("--format", "json", "--lang", "en", "--verbose", "hu.txt")
    assert "language" not in forced.stderr
    quiet = run_cli("--format", "json", "hu.txt")
    assert quiet.stderr == ""


def test_cli_config_sets_the_fallback(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".tonelint.yaml").write_text("fallback-lang: hu\n", encoding="utf-8")
    out = run_cli("config")
    assert "lang: auto" in out.stdout and "fallback-lang: hu" in out.stdout
    listed = run_cli("rules")  # with lang auto, `rules` lists the fallback pack
    assert "blame.after-reminders" in listed.stdout


def test_a_broken_pack_loaded_for_a_detected_draft_is_an_error_of_that_draft(
    run_cli, tmp_path: Path
) -> None:
    pack = tmp_path / "pack" / "hu"
    pack.mkdir(parents=True)
    (pack / "broken.yaml").write_text("rules:\n  - id: x\n", encoding="utf-8")
    (tmp_path / "hu.txt").write_text(HU, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    out = run_cli("--rules", "pack", "--format", "json", "en.txt", "hu.txt")
    assert out.returncode == 2
    assert "broken.yaml" in out.stderr and "Traceback" not in out.stderr
    assert all(f["path"] == "en.txt" for f in json.loads(out.stdout))  # en.txt still linted


def test_unknown_fallback_is_an_error(run_cli) -> None:
    out = run_cli("--fallback-lang", "xx", "-")
    assert out.returncode == 2
    assert "unknown language 'xx'" in out.stderr
