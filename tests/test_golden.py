"""Golden files for the readers: each draft in tests/golden/<format>/ and its exact JSON beside it.

The drafts are linted with the small pack in tests/golden/rules (not the shipped
English rules, which are tuned often). Set TONELINT_UPDATE_GOLDEN=1 to rewrite
the expected files after a deliberate change, then read the diff.
"""

from __future__ import annotations

import email
import html
import json
import os
import re
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path

import pytest

from tonelint.config import Config
from tonelint.engine import Linter
from tonelint.formatters import Style
from tonelint.formatters.json import format_results
from tonelint.placeholders import Placeholders

GOLDEN = Path(__file__).parent / "golden"
RULES = GOLDEN / "rules"
DRAFTS = sorted(
    p for p in GOLDEN.rglob("*")
    if p.is_file() and p.suffix not in (".json", ".yaml") and RULES not in p.parents
)
SAME = [p for p in DRAFTS if p.parent.name == "same"]


def _name(path: Path) -> str:
    return path.relative_to(GOLDEN).as_posix()


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(rules=[str(RULES)], select=["golden"]))


def _findings(linter: Linter, path: Path) -> list[dict[str, object]]:
    result = linter.lint_file(path, _name(path))
    assert result.error is None, result.error
    return json.loads("".join(format_results([result], Style(color=False, verbose=False))))


@pytest.mark.parametrize("path", DRAFTS, ids=_name)
def test_golden(path: Path, linter: Linter) -> None:
    found = _findings(linter, path)
    expected_file = path.with_name(path.name + ".json")
    if os.environ.get("TONELINT_UPDATE_GOLDEN"):
        expected_file.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert found == expected


# -- positions: open the file and find the matched words there --------------------
_HOLDERS = Placeholders()
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def as_on_disk(path: Path) -> str:
    """The file as an editor shows it; for mail, the chosen body decoded where it stands."""
    data = path.read_bytes()
    if path.suffix != ".eml":
        return data.decode("utf-8-sig")
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    text = data.decode("utf-8", "replace")
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return text
    raw = body.get_payload(decode=False)
    payload = body.get_payload(decode=True)
    decoded = payload.decode(body.get_content_charset() or "utf-8")
    if raw in text:
        return text.replace(raw, decoded, 1)
    # An 8-bit body in another charset: a single part, after the headers.
    head = re.match(rb"(?s).*?(?:\r?\n){2}", data)
    assert head is not None and not msg.is_multipart()
    return head.group().decode("ascii") + decoded


def _slice(text: str, f: dict[str, object]) -> str:
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    start = starts[int(f["line"]) - 1] + int(f["column"]) - 1
    end = starts[int(f["end_line"]) - 1] + int(f["end_column"]) - 1
    return text[start:end]


def _plain(s: str) -> str:
    """Markup out, placeholders as names: what the rules read, for comparing words."""
    s = _ENCODED_WORD.sub(lambda m: str(make_header(decode_header(m.group()))), s)
    out, pos = [], 0
    for start, end, name in _HOLDERS.finditer(s, 0, len(s)):
        out += [s[pos:start], name]
        pos = end
    s = "".join(out) + s[pos:]
    s = re.sub(r"<[^<>]*>|\]\([^)]*\)|[\[\]*]|(?<!\w)_+|_+(?!\w)|\\", "", s)
    s = html.unescape(s).replace("\xa0", " ")
    s = s.translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(s.split())


def reported_words(path: Path, findings: list[dict[str, object]]) -> list[tuple[str, str]]:
    """(rule, the words at the reported position in the file) for each finding."""
    text = as_on_disk(path)
    return [(str(f["rule"]), _plain(_slice(text, f))) for f in findings]


@pytest.mark.parametrize("path", DRAFTS, ids=_name)
def test_each_position_holds_the_matched_words(path: Path, linter: Linter) -> None:
    findings = _findings(linter, path)
    assert findings, "every golden draft has findings to place"
    for f, (_, words) in zip(findings, reported_words(path, findings)):
        match = re.search(r"«(.*)»|names '([^']*)'", str(f["message"]))
        assert match, f
        said = " ".join((match.group(1) or match.group(2)).split())
        if said.endswith("…"):
            assert words.startswith(said[:-1]), (f, words)
        else:
            assert words == said, (f, words)


def test_same_draft_in_every_format_gives_the_same_words(linter: Linter) -> None:
    by_file = {_name(p): reported_words(p, _findings(linter, p)) for p in SAME}
    reference = by_file.pop("same/draft.txt")
    assert len(reference) >= 5
    assert {rule for rule, _ in reference} >= {"golden.you-failed", "golden.named-failed", "golden.frankly"}
    for name, words in by_file.items():
        assert words == reference, name


def test_same_draft_agrees_under_the_shipped_rules_too() -> None:
    """Whatever the English pack says of the draft, every format says it of the same words.

    Metric rules (length, reading grade) are left out: the mail's Subject adds words.
    """
    shipped = Linter(Config())
    metric = {r.meta.id for r in shipped.ruleset("en") if r.meta.kind == "metric"}
    by_file = {
        _name(p): [w for w in reported_words(p, _findings(shipped, p)) if w[0] not in metric] for p in SAME
    }
    reference = by_file.pop("same/draft.txt")
    assert reference
    for name, words in by_file.items():
        assert words == reference, name


def test_the_cli_gives_the_golden_json(run_cli) -> None:
    names = [_name(p) for p in SAME]
    proc = run_cli("--isolated", "--rules", str(RULES), "--select", "golden", "--format", "json",
                   *names, cwd=GOLDEN)
    assert proc.returncode == 1, proc.stderr
    expected = [
        f for p in SAME for f in json.loads(p.with_name(p.name + ".json").read_text(encoding="utf-8"))
    ]
    assert json.loads(proc.stdout) == expected
