"""LanguageTool through language-tool-python, against a fake server on 127.0.0.1.

Every test goes through language-tool-python for real (HTTP, JSON, its Match
objects); the server is ``fake_languagetool``. Failures must cost seconds, print
one warning line, and leave every other finding and the exit code alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fake_languagetool import FakeLanguageTool, refused_url, serve, silent_server

from tonelint.config import Config, read_config_file
from tonelint.document import DocumentBuilder
from tonelint.engine import Linter
from tonelint.errors import TonelintError
from tonelint.finding import Finding, Severity
from tonelint.grammar import settings_from

BLAME = "You failed to pay."  # a pack finding that must survive any LanguageTool trouble
SPELLING = "languagetool.MORFOLOGIK_RULE_EN_US"


@pytest.fixture
def lt() -> Any:
    with serve() as server:
        yield server


def linter_for(url: str, **lt_options: Any) -> Linter:
    return Linter(Config().merged({"languagetool": {"server": url, **lt_options}}, "test"))


def grammar_only(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith("languagetool.")]


# -- positions -----------------------------------------------------------------
POSITIONS = [
    pytest.param(  # an emoji (two UTF-16 units) before the match
        "Thanks 👍 for teh help.",
        [(SPELLING, 1, 14, 1, 17, "teh")],
        id="emoji-before",
    ),
    pytest.param(  # emoji inside a match, and a match after it on the same line
        "Done 😀😀😀 and teh end.",
        [("languagetool.TOO_MANY_EMOJI", 1, 6, 1, 9, "😀😀😀"), (SPELLING, 1, 14, 1, 17, "teh")],
        id="emoji-inside",
    ),
    pytest.param(  # accents, precomposed and decomposed (e + combining acute)
        "Kedves Zoé, Zoe\u0301 and Ágnes recieve it.",
        [(SPELLING, 1, 28, 1, 35, "recieve")],
        id="accents",
    ),
    pytest.param(  # several lines, CRLF, and a match on the last one
        "Dear Ann,\r\n\r\nI am writing in order to say\r\nthank you for teh work.\r\n",
        [("languagetool.EN_IN_ORDER_TO", 3, 14, 3, 25, "in order to"),
         (SPELLING, 4, 15, 4, 18, "teh")],
        id="multi-line-crlf",
    ),
    pytest.param(  # a placeholder reads as a name and never shifts what follows
        "Dear {{ client.first_name }}, we will recieve a apple.",
        [(SPELLING, 1, 39, 1, 46, "recieve"), ("languagetool.EN_A_VS_AN", 1, 47, 1, 48, "a")],
        id="placeholder",
    ),
]


@pytest.mark.parametrize(("draft", "expected"), POSITIONS)
def test_findings_point_at_the_words_in_the_file(lt: FakeLanguageTool, draft: str,
                                                 expected: list[tuple[Any, ...]]) -> None:
    grammar = grammar_only(linter_for(lt.url).lint_text(draft, "draft.txt"))
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column, draft[f.offset:f.end_offset])
            for f in grammar] == expected


MARKDOWN = """\
---
subject: teh end
---
# Ending our work 👋

Dear **Zoé**, we will recieve the [final files](https://example.com/teh) soon 😀 teh.

```
teh code
```

<!-- tonelint-disable-next-line languagetool.MORFOLOGIK_RULE_EN_US -->
Thanks for teh help.
Thanks for teh patience, `teh` aside.
"""
HTML = """\
<html><body>
<p>Dear Zo&eacute;, we recieve <b>teh</b> files &amp; more 🙂 teh.</p>
<script>var teh = 1;</script>
<!-- tonelint-disable-next-line grammar -->
<p>Again teh.</p>
<p title="teh">Bye teh.</p>
</body></html>
"""


def where(source: str, needle: str, after: str) -> tuple[int, int, int]:
    """Line, column and end column of ``needle``, first found after ``after`` (counted by hand)."""
    start = source.index(needle, source.index(after))
    line_start = source.rfind("\n", 0, start) + 1
    column = start - line_start + 1
    return source.count("\n", 0, start) + 1, column, column + len(needle)


@pytest.mark.parametrize(("name", "source", "expected"), [
    ("draft.md", MARKDOWN,
     [("recieve", "Dear"), ("teh", "😀"), ("teh", "Thanks for teh patience")]),
    ("mail.html", HTML,
     [("recieve", "Dear"), ("teh", "<b>"), ("teh", "🙂"), ("teh", "Bye")]),
])
def test_markdown_and_html_drafts(lt: FakeLanguageTool, tmp_path: Path, name: str, source: str,
                                  expected: list[tuple[str, str]]) -> None:
    """Exact positions in the file; code, link targets, scripts, attributes and front
    matter never sent; directives suppress LanguageTool's findings like any other."""
    (tmp_path / name).write_text(source, encoding="utf-8")
    linter = Linter(Config().merged({"languagetool": {"server": lt.url}}, "test"))
    result = linter.lint_file(tmp_path / name)
    found = [(f.rule, f.line, f.column, f.end_column) for f in grammar_only(result.findings)]
    assert found == [(SPELLING, *where(source, word, after)) for word, after in expected]
    assert not [f for f in result.findings if f.rule == "suppression.unknown-rule"]
    (sent,) = lt.texts
    assert sent.count("teh") == len([w for w, _ in expected if w == "teh"]) + 1  # + the suppressed


def test_only_the_authors_words_are_sent(lt: FakeLanguageTool) -> None:
    linter_for(lt.url).lint_text("Dear {{ client }}, {# note to self: angry #}thanks.", "d.txt")
    assert lt.texts == ["Dear Alex, thanks."]


def test_quotes_are_sent_as_typed(lt: FakeLanguageTool) -> None:
    found = linter_for(lt.url).lint_text("It’s “done”, isn't it? teh")
    assert lt.texts == ["It’s “done”, isn't it? teh"]
    assert [f.column for f in grammar_only(found)] == [24]


def test_positions_hold_through_markup_and_entities(lt: FakeLanguageTool) -> None:
    """A Document whose text skips markup and decodes entities, as the HTML reader builds it."""
    source = "<p>Fish &amp; teh chips</p>\n<p>We rec&#105;eve <b>it</b>, I recieve it</p>"
    b = DocumentBuilder("mail.html", source)

    def add(piece: str) -> None:
        start = source.index(piece)
        b.verbatim(start, start + len(piece))

    def entity(piece: str, decoded: str) -> None:
        start = source.index(piece)
        b.mapped(decoded, start, start + len(piece))

    add("Fish ")
    entity("&amp;", "&")
    add(" teh chips")
    b.separator("\n\n", source.index("</p>"))
    add("We rec")
    entity("&#105;", "i")
    add("eve ")
    add("it</b>, I recieve it"[:2])
    add(", I recieve it")
    findings = grammar_only(linter_for(lt.url).lint_document(b.build("en")))
    assert [(f.line, f.column, source[f.offset:f.end_offset], f.replacement) for f in findings] == [
        (1, 15, "teh", None),
        (2, 7, "rec&#105;eve", None),  # no fix across an entity: it would rewrite the markup
        (2, 33, "recieve", "receive"),
    ]
    assert lt.texts == ["Fish & teh chips\n\nWe recieve it, I recieve it"]


def test_matches_that_touch_a_placeholder_are_not_reported(lt: FakeLanguageTool) -> None:
    findings = linter_for(lt.url).lint_text("Dear {{ first }} {{ last }} and and {teh}, teh.")
    assert [(f.rule, f.column) for f in grammar_only(findings)] == [
        ("languagetool.ENGLISH_WORD_REPEAT_RULE", 29), (SPELLING, 44),
    ]
    assert lt.texts == ["Dear Alex Alex and and Alex, teh."]


# -- what a finding says -----------------------------------------------------------
def test_rule_ids_codes_categories_and_severities(lt: FakeLanguageTool) -> None:
    findings = linter_for(lt.url).lint_text("We recieve it in order to  go.")
    by_rule = {f.rule: f for f in findings}
    spelling, style, space = (by_rule[SPELLING], by_rule["languagetool.EN_IN_ORDER_TO"],
                              by_rule["languagetool.WHITESPACE_RULE"])
    assert (spelling.code, spelling.category, spelling.severity) == (
        "TL901", "grammar", Severity.WARNING)
    assert (style.code, style.category, style.severity) == ("TL911", "style", Severity.INFO)
    assert (space.code, space.category, space.severity) == ("TL909", "grammar", Severity.INFO)
    assert spelling.message == '"recieve": Possible spelling mistake found.'


def test_replacements_are_suggestions_and_only_a_single_one_is_a_fix(lt: FakeLanguageTool) -> None:
    findings = grammar_only(linter_for(lt.url).lint_text("I recieve teh files."))
    one, many = findings
    assert (one.suggestion, one.replacement) == ('Replace with "receive"', "receive")
    assert (many.suggestion, many.replacement) == ('Replace with "the", "ten" or "tea"', None)


def test_suggestions_in_json_output(lt: FakeLanguageTool, run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Thanks 👍 for teh help.\n", encoding="utf-8")
    proc = run_cli("d.txt", "--format", "json", "--isolated", "--languagetool", lt.url)
    found = [f for f in json.loads(proc.stdout) if f["rule"].startswith("languagetool.")]
    assert [(f["rule"], f["code"], f["line"], f["column"], f["suggestion"]) for f in found] == [
        (SPELLING, "TL901", 1, 14, 'Replace with "the", "ten" or "tea"'),
    ]
    assert proc.stderr == ""


def test_config_severity_select_and_ignore_apply(lt: FakeLanguageTool) -> None:
    text = "I recieve it in order to go."
    cfg = Config().merged({"languagetool": {"server": lt.url, "severity": {"style": "error"}},
                           "severity": {SPELLING: "info"}, "ignore": ["TL920"]}, "test")
    found = {(f.rule, f.severity) for f in grammar_only(Linter(cfg).lint_text(text))}
    assert found == {(SPELLING, Severity.INFO), ("languagetool.EN_IN_ORDER_TO", Severity.ERROR)}


@pytest.mark.parametrize("settings", [{"select": ["blame"]}, {"ignore": ["languagetool"]},
                                      {"ignore": ["grammar", "style"]}])
def test_nothing_is_sent_when_no_grammar_finding_could_be_kept(lt: FakeLanguageTool,
                                                               settings: dict[str, Any]) -> None:
    cfg = Config().merged({"languagetool": {"server": lt.url}, **settings}, "test")
    findings = Linter(cfg).lint_text(BLAME + " I recieve it.")
    assert not grammar_only(findings)
    assert lt.requests == []


def test_config_reaches_the_server(lt: FakeLanguageTool) -> None:
    linter = linter_for(lt.url, **{"disabled-rules": ["MORFOLOGIK_RULE_EN_US"],
                                   "enabled-rules": ["EN_IN_ORDER_TO"],
                                   "enabled-categories": ["STYLE"],
                                   "disabled-categories": ["CASING"],
                                   "level": "picky", "languages": {"en": "en-GB"}})
    findings = linter.lint_text("I recieve it.")
    assert grammar_only(findings) == []  # the server honoured disabledRules
    form = lt.calls("/v2/check")[0]
    assert {k: form[k] for k in ("language", "disabledRules", "enabledRules", "enabledCategories",
                                 "disabledCategories", "level")} == {
        "language": "en-GB", "disabledRules": "MORFOLOGIK_RULE_EN_US",
        "enabledRules": "EN_IN_ORDER_TO",
        "enabledCategories": "STYLE", "disabledCategories": "CASING", "level": "picky"}


def test_one_session_serves_every_file_of_a_run(lt: FakeLanguageTool, run_cli: Any,
                                                tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"d{n}.txt").write_text(f"Draft {n}: teh end.\n", encoding="utf-8")
    proc = run_cli(".", "--isolated", "--languagetool", lt.url)
    assert proc.stdout.count(SPELLING) == 3
    assert (len(lt.calls("/v2/languages")), len(lt.calls("/v2/check"))) == (1, 3)


# -- where the text goes -----------------------------------------------------------
def test_env_var_names_the_server_and_verbose_says_so(lt: FakeLanguageTool, run_cli: Any,
                                                      tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("teh\n", encoding="utf-8")
    env = {**os.environ, "TONELINT_LANGUAGETOOL_URL": lt.url}
    proc = run_cli("d.txt", "--isolated", "-v", env=env)
    assert SPELLING in proc.stdout
    assert (f"tonelint: LanguageTool: {lt.url}/v2/check (this machine; "
            "set by environment variable TONELINT_LANGUAGETOOL_URL)") in proc.stderr.splitlines()
    proc = run_cli("d.txt", "--isolated", "-v", "--no-languagetool", env=env)
    assert SPELLING not in proc.stdout
    assert "tonelint: LanguageTool: off, drafts stay here" in proc.stderr
    assert len(lt.calls("/v2/check")) == 1


@pytest.mark.parametrize(("values", "where"), [
    ({"server": "http://localhost:8081"}, "http://localhost:8081/v2/check (this machine;"),
    ({"server": "http://[::1]:8081/v2/"}, "http://[::1]:8081/v2/check (this machine;"),
    ({"server": "http://lt.example.com:8081"}, "(another machine, unencrypted;"),
    ({"server": "https://lt.example.com/lt/"},
     "https://lt.example.com/lt/v2/check (another machine;"),
    ({"server": "public"}, "https://api.languagetool.org/v2/check (the public LanguageTool API"),
    ({"server": "https://api.languagetool.org", "allow-public": True},
     "(the public LanguageTool API"),
    ({"local": True}, "language-tool-python's local server on this machine"),
])
def test_destination_is_stated(values: dict[str, Any], where: str) -> None:
    settings = settings_from(values, "test")
    assert settings is not None and where in settings.destination()


@pytest.mark.parametrize("values", [{}, {"enabled-rules": ["X"]},
                                    {"server": "http://x", "enabled": False}])
def test_off_unless_a_server_is_named(values: dict[str, Any]) -> None:
    assert settings_from(values, "test") is None


@pytest.mark.parametrize(("yaml", "line", "message"), [
    ("languagetool:\n  server: https://api.languagetool.org/\n", 2,
     "opt in with `allow-public: true`"),
    ("languagetool:\n  server: ftp://example.com\n", 2,
     "server must be an http:// or https:// URL"),
    ("languagetool:\n  server: http://localhost:8081\n  local: true\n", 2, "not both"),
    ("languagetool:\n  timeout: soon\n", 2, "timeout: expected a number"),
    ("languagetool:\n  timeout: 0\n", 2, "timeout must be a positive number"),
    ("languagetool:\n  level: pedantic\n", 2, "'pedantic' is not one of: default, picky"),
    ("languagetool:\n  servre: http://localhost:8081\n", 2, "unknown languagetool key 'servre'"),
    ("languagetool:\n  severity:\n    misspelling: fatal\n", 3, "'fatal' is not one of"),
    ("languagetool: http://localhost:8081\n", 1, "languagetool: expected a mapping"),
])
def test_config_mistakes_name_the_line(tmp_path: Path, yaml: str, line: int, message: str) -> None:
    path = tmp_path / ".tonelint.yaml"
    path.write_text(yaml, encoding="utf-8")
    with pytest.raises(TonelintError) as info:
        read_config_file(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert message in info.value.message


def test_public_api_needs_opt_in_on_the_command_line_too(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("teh\n", encoding="utf-8")
    proc = run_cli("d.txt", "--isolated", "--languagetool", "https://api.languagetool.org/v2")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "allow-public" in proc.stderr


NO_NETWORK = r"""
import json, socket, sys
attempts = []
def deny(*args, **kwargs):
    attempts.append(repr(args[:2]))
    raise OSError("network blocked by the test")
for name in ("connect", "connect_ex"):
    setattr(socket.socket, name, deny)
socket.create_connection = deny
socket.getaddrinfo = deny
from tonelint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"attempts": attempts, "code": code,
                  "imported": "language_tool_python" in sys.modules or "requests" in sys.modules}))
"""


@pytest.mark.parametrize(("args", "networked"), [
    ((), False),
    (("--config", "lt.yaml"), False),  # rules configured, no server: still off
    (("--languagetool", "http://127.0.0.1:9"), True),  # the control: the blocker does see calls
])
def test_no_network_call_unless_languagetool_is_set(tmp_path: Path, args: tuple[str, ...],
                                                    networked: bool) -> None:
    (tmp_path / "d.txt").write_text(BLAME + " teh\n", encoding="utf-8")
    (tmp_path / "lt.yaml").write_text("languagetool:\n  disabled-rules: [X]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TONELINT_LANGUAGETOOL_URL"}
    proc = subprocess.run([sys.executable, "-c", NO_NETWORK, "d.txt", "--isolated", *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert bool(report["attempts"]) is networked
    assert report["imported"] is networked
    assert report["code"] == 1  # the blame finding, either way
    assert "blame.you-failed" in proc.stdout


# -- never a hang, never a traceback ------------------------------------------------
def _failing(kind: str, server: FakeLanguageTool, stack: Any) -> str:
    if kind == "refused":
        return refused_url()
    if kind == "never-answers":
        return stack.enter_context(silent_server())
    if kind == "http-500":
        server.fail_check = (500, "Error: java.lang.OutOfMemoryError")
    elif kind == "http-426":
        server.fail_check = (426, "Upgrade Required")
    elif kind == "invalid-json":
        server.fail_check = (200, "<html><body>Captive portal: please log in</body></html>")
    elif kind == "check-never-answers":
        server.hang_check = True
    elif kind == "languages-500":
        server.fail_languages = (500, "Internal Server Error")
    return server.url


FAILURES = {
    "refused": "connection refused",
    "never-answers": "no answer within",
    "http-500": "unexpected answer, not LanguageTool's JSON: Error: java.lang.OutOfMemoryError",
    "http-426": "rate limit reached (HTTP 426)",
    "invalid-json": "unexpected answer, not LanguageTool's JSON: <html>",
    "check-never-answers": "no answer within 1 s",
    "languages-500": "unexpected answer, not LanguageTool's JSON: Internal Server Error",
}


@pytest.mark.parametrize("kind", FAILURES)
def test_a_failing_server_costs_one_warning_and_nothing_else(lt: FakeLanguageTool, run_cli: Any,
                                                             tmp_path: Path, kind: str) -> None:
    import contextlib

    for n in range(2):
        (tmp_path / f"d{n}.txt").write_text(f"{BLAME} Draft {n}, teh.\n", encoding="utf-8")
    (tmp_path / "lt.yaml").write_text("languagetool:\n  timeout: 1\n", encoding="utf-8")
    with contextlib.ExitStack() as stack:
        url = _failing(kind, lt, stack)
        started = time.monotonic()
        proc = run_cli(".", "--isolated", "--config", "lt.yaml", "--languagetool", url)
        elapsed = time.monotonic() - started
        checks = len(lt.calls("/v2/check"))
        required = run_cli(".", "--isolated", "--config", "lt.yaml", "--languagetool", url,
                           "--require-languagetool")
    assert elapsed < 8
    assert proc.returncode == 1  # as without LanguageTool: the blame findings
    assert proc.stdout.count("blame.you-failed") == 2
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"tonelint: warning: LanguageTool at {url}/: {FAILURES[kind]}")
    assert "Traceback" not in proc.stderr + required.stderr
    assert required.returncode == 2
    assert checks <= 1  # one request, not retried, and none after the failure


def test_an_unsupported_language_skips_those_drafts_only(lt: FakeLanguageTool, run_cli: Any,
                                                         tmp_path: Path) -> None:
    pack = tmp_path / "packs" / "hu"
    pack.mkdir(parents=True)
    (pack / "test.yaml").write_text(
        "rules:\n  - id: testonly.hibaja\n    code: TL8991\n    kind: phrase\n"
        "    category: blame\n    severity: warning\n    message: hibás\n"
        "    patterns: [az Ön hibája]\n"
        "    examples: {flag: [az Ön hibája], pass: [köszönjük]}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Ez az Ön hibája, teh.\n", encoding="utf-8")
    started = time.monotonic()
    proc = run_cli("d.txt", "--isolated", "--lang", "hu", "--rules", "packs",
                   "--languagetool", lt.url)
    assert time.monotonic() - started < 8
    assert proc.returncode == 1 and "testonly.hibaja" in proc.stdout
    assert SPELLING not in proc.stdout
    assert proc.stderr.count("\n") == 1
    assert "does not support 'hu'" in proc.stderr
    assert lt.calls("/v2/check") == []  # Hungarian text went nowhere


def test_local_server_without_java_is_one_warning(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(BLAME + "\n", encoding="utf-8")
    (tmp_path / "lt.yaml").write_text("languagetool:\n  local: true\n", encoding="utf-8")
    env = {**os.environ, "PATH": str(tmp_path / "no-bin")}
    proc = run_cli("d.txt", "--isolated", "--config", "lt.yaml", env=env)
    assert proc.returncode == 1 and "blame.you-failed" in proc.stdout
    assert proc.stderr.count("\n") == 1 and "no `java` on PATH" in proc.stderr


def test_require_without_a_server_is_a_usage_error(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Thanks.\n", encoding="utf-8")
    proc = run_cli("d.txt", "--isolated", "--require-languagetool")
    assert proc.returncode == 2
    assert proc.stderr.startswith("tonelint: error: LanguageTool is required but not configured")


def test_a_system_proxy_never_sees_text_for_this_machine(lt: FakeLanguageTool, run_cli: Any,
                                                         tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("teh\n", encoding="utf-8")
    with silent_server() as proxy:  # a proxy that would swallow the request
        env = {**os.environ, "HTTP_PROXY": proxy, "http_proxy": proxy,
               "NO_PROXY": "", "no_proxy": ""}
        proc = run_cli("d.txt", "--isolated", "--languagetool", lt.url, env=env)
    assert SPELLING in proc.stdout and proc.stderr == ""


def test_library_api_checks_grammar_and_warns_when_it_cannot(lt: FakeLanguageTool) -> None:
    from tonelint import lint_text

    found = lint_text("I recieve it.", languagetool={"server": lt.url})
    assert [f.rule for f in grammar_only(found)] == [SPELLING]
    with pytest.warns(UserWarning, match="connection refused"):
        found = lint_text(BLAME, languagetool={"server": refused_url(), "timeout": 1})
    assert "blame.you-failed" in [f.rule for f in found] and not grammar_only(found)


def test_sarif_carries_languagetool_rules_suggestions_and_fixes(lt: FakeLanguageTool, run_cli: Any,
                                                                tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))
    (tmp_path / "d.txt").write_text("Hi 👋, we recieve teh files.\n", encoding="utf-8")
    proc = run_cli("d.txt", "--isolated", "--select", "languagetool", "--format", "sarif",
                   "--languagetool", lt.url)
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert [(r["id"], r["name"]) for r in run["tool"]["driver"]["rules"]] == [("TL901", SPELLING)]
    results = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startColumn"],
                r["message"]["text"], [f["artifactChanges"][0]["replacements"][0]["insertedContent"]
                                       for f in r.get("fixes", [])]) for r in run["results"]]
    assert results == [
        ("TL901", 10,
         '"recieve": Possible spelling mistake found. Suggestion: Replace with "receive"',
         [{"text": "receive"}]),
        ("TL901", 18, '"teh": Possible spelling mistake found. Suggestion: Replace with "the", '
         '"ten" or "tea"', []),
    ]


def test_fix_applies_single_replacements_only_where_the_file_reads_as_sent(
        lt: FakeLanguageTool, run_cli: Any, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Dear {{ name }}, I recieve teh files 👍 in order to go.\n", encoding="utf-8")
    proc = run_cli("d.txt", "--isolated", "--fix", "--select", "languagetool",
                   "--languagetool", lt.url)
    assert "fixed 2 findings" in proc.stderr
    assert draft.read_text("utf-8") == "Dear {{ name }}, I receive teh files 👍 to go.\n"


def test_the_language_server_keeps_one_session_and_shows_trouble_once(
        lt: FakeLanguageTool, tmp_path: Path) -> None:
    pytest.importorskip("pygls")
    from test_lsp import Client, open_draft

    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / ".tonelint.yaml").write_text(
        f"select: [languagetool]\nlanguagetool:\n  server: {lt.url}\n  timeout: 1\n", "utf-8")
    client = Client(tmp_path)
    try:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        uri = open_draft(client, folder / "d.txt", "Hi 👋 teh\n")
        (diag,) = client.diagnostics(uri)
        # LSP counts UTF-16 units: the emoji is two.
        assert (diag["code"], diag["range"]["start"]) == ("TL901", {"line": 0, "character": 6})
        assert 'Replace with "the"' in diag["message"]
        lt.fail_check = (500, "Error: overloaded")
        for version in (2, 3):
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": f"Version {version}: teh\n"}]})
            if version == 2:  # the message comes before the diagnostics
                shown = client.wait(lambda m: m.get("method") == "window/showMessage")
                assert "LanguageTool at" in shown["params"]["message"]
            assert client.diagnostics(uri) == []
        assert len(lt.calls("/v2/languages")) == 1  # one session for every lint
        assert len(lt.texts) == 2  # the failure stopped it: version 3 was not sent
    finally:
        client.close()


def test_rules_lists_languagetool_only_when_configured(run_cli: Any) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TONELINT_LANGUAGETOOL_URL"}
    assert "languagetool.*" not in run_cli("rules", "--isolated", env=env).stdout
    env["TONELINT_LANGUAGETOOL_URL"] = "http://localhost:8081"
    listed = run_cli("rules", "--isolated", env=env).stdout
    assert "languagetool.*" in listed and "from http://localhost:8081/" in listed


def test_library_api_mistakes_are_tonelint_errors() -> None:
    from tonelint import lint_text

    with pytest.raises(TonelintError, match="enabled-rules: expected a list of strings"):
        lint_text("Hi.", languagetool={"server": "http://localhost:8081", "enabled-rules": 5})


def test_per_file_ignores_keep_those_files_from_the_server(lt: FakeLanguageTool,
                                                           tmp_path: Path) -> None:
    for name in ("legal.txt", "note.txt"):
        (tmp_path / name).write_text(f"{name}: teh\n", encoding="utf-8")
    cfg = Config(base_dir=tmp_path).merged({"languagetool": {"server": lt.url},
                                            "per-file-ignores": {"legal.txt": ["TL9"]}}, "test")
    linter = Linter(cfg)
    found = {name: grammar_only(linter.lint_file(tmp_path / name).findings)
             for name in ("legal.txt", "note.txt")}
    assert (len(found["legal.txt"]), len(found["note.txt"])) == (0, 1)
    assert lt.texts == ["note.txt: teh\n"]


def test_the_readme_lists_every_languagetool_code() -> None:
    from tonelint.grammar.matches import CODES, OTHER_CODE

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for category, code in [*CODES.items(), ("any other", OTHER_CODE)]:
        assert f"| {code} | {category} |" in readme, code
