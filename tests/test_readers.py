"""Readers: which words each format hands the rules, and what a user sees on the command line."""

from __future__ import annotations

import json
import unicodedata
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonelint import readers
from tonelint.readers import ReadOptions, html, markdown, template, text

RULES = Path(__file__).parent / "golden" / "rules"


def words(source: str, name: str = "draft.txt", **options: bool) -> str:
    doc = readers.reader_for(name)(source, name, ReadOptions(**options))
    return " ".join(doc.text.split())


# -- only the author's words ---------------------------------------------------
QUOTES = [
    # (draft, what is read by default, with lint-quoted, with lint-signature)
    ("Hi.\n> quoted\nBye.\n", "Hi. Bye.", "Hi. quoted Bye.", "Hi. Bye."),
    ("Hi.\n>> deep\n> > deeper\n", "Hi.", "Hi. deep deeper", "Hi."),
    ("Hi.\nOn Mon, 3 Jun 2024, Ann <a@b.c> wrote:\nold text\n> old quote\n",
     "Hi.", "Hi. old text old quote", "Hi."),
    ("Hi.\nOn Mon, 3 Jun 2024 at 10:12, Ann Long-Name <\nann@example.com> wrote:\n> old\n",
     "Hi.", "Hi. old", "Hi."),
    ("Szia!\nKovács Anna <anna@pelda.hu> ezt írta (időpont: 2024. jún. 3., H, 10:12):\n> régi\n",
     "Szia!", "Szia! régi", "Szia!"),
    ("Szia!\n2024. 06. 03. 10:12 keltezéssel, Anna írta:\n> régi\n", "Szia!", "Szia! régi", "Szia!"),
    ("Hi.\n-----Original Message-----\nFrom: Ann\nold\n", "Hi.", "Hi. From: Ann old", "Hi."),
    ("Hi.\n---------- Forwarded message ---------\nold\n", "Hi.", "Hi. old", "Hi."),
    ("Hi.\nFrom: Ann <a@b.c>\nSent: Monday\nold\n", "Hi.", "Hi. Sent: Monday old", "Hi."),
    ("Hi.\n-- \nJamie, Studio\n", "Hi.", "Hi.", "Hi. Jamie, Studio"),
    ("Hi.\n--\nJamie\n\nOn 3 June, Ann wrote:\n> old\n", "Hi.", "Hi. old", "Hi. Jamie"),
    # Ordinary drafts lose nothing.
    ("Go to Settings > Data > Export -- then done.\nWe wrote the plan.\n",
     "Go to Settings > Data > Export -- then done. We wrote the plan.", None, None),
    ("Our last day: Friday.\n---\nThanks,\nJamie\n", "Our last day: Friday. --- Thanks, Jamie", None, None),
    ("On Monday you wrote:\nit is over.\n", "On Monday you wrote: it is over.", None, None),
    ("Ahogy a levelében írta:\nköszönöm.\n", "Ahogy a levelében írta: köszönöm.", None, None),
]


@pytest.mark.parametrize(("draft", "default", "quoted", "signature"), QUOTES)
def test_quotes_and_signature(draft: str, default: str, quoted: str | None, signature: str | None) -> None:
    assert words(draft) == default
    if quoted is not None:
        assert words(draft, lint_quoted=True) == quoted
    if signature is not None:
        assert words(draft, lint_signature=True) == signature


def test_markdown_reads_the_rendered_words() -> None:
    source = (
        "---\ntitle: skip me\n---\n# The *end*\n\nSee [the notes](http://x.y/skip \"skip\") and `skip`.\n"
        "<!-- skip -->\n```\nskip\n```\n\n    skip indented\n\n- item **bold** &amp; \\*star\\*\n"
        "![skip](skip.png)\n[r]: http://skip\n"
    )
    assert words(source, "a.md") == "The end See the notes and Alex. - item bold & *star*"


def test_markdown_keeps_indented_list_continuations() -> None:
    assert words("- one\n\n    more of one\n", "a.md") == "- one more of one"


def test_html_reads_text_nodes_only() -> None:
    source = ('<html><head><title>skip</title><style>skip{}</style></head><body>'
              '<p title="skip">It&rsquo;s&nbsp;over &amp; done</p><script>skip()</script>'
              '<!-- skip --><blockquote>skip</blockquote><div class="gmail_quote">skip</div>'
              '<p>kept</p><div id="divRplyFwdMsg">From: skip</div><p>skip after</p></body></html>')
    assert words(source, "a.html") == "It's over & done kept"
    assert "skip after" in words(source, "a.html", lint_quoted=True)


def test_html_white_space_reads_as_rendered() -> None:
    source = "<p>You\r\n    failed to\tpay {{ a\n  b }}.</p><pre>a\n  b</pre>"
    doc = html.read(source, "a.html", ReadOptions())
    assert doc.text.strip() == "You failed to pay Alex.\n\na\n  b"
    start = doc.text.index("failed")
    assert doc.locate(start, start + 6)[:4] == (2, 5, 2, 11)


def test_handlebars_triple_stash_is_one_placeholder() -> None:
    assert words("Dear {{{client.name}}}, thanks.", "a.hbs") == "Dear Alex, thanks."


def test_html_head_left_open_ends_at_body() -> None:
    assert words("<html><head><title>t</title><meta charset=utf-8><body><p>Kept.</p>", "a.html") == "Kept."


def test_html_line_break_is_a_line_and_a_block_a_paragraph() -> None:
    doc = html.read("<p>Please note<br>the dates.</p><p>Best,<br>Jamie</p>", "a.html", ReadOptions())
    assert [doc.text[s.start:s.end] for s in doc.sentences] == ["Please note\nthe dates.", "Best,", "Jamie"]


@pytest.mark.parametrize(("name", "fill"), [
    ("a.html.j2", html.fill), ("a.HTM.jinja", html.fill), ("a.md.hbs", markdown.fill),
    ("a.markdown.liquid", markdown.fill), ("a.j2", text.fill), ("a.txt.tmpl", text.fill),
    ("mail.eml.j2", text.fill),
])
def test_template_reads_its_inner_format(name: str, fill: object) -> None:
    assert template.inner_fill(name) is fill


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.markdown", "a.html", "a.htm", "a.eml", "a.j2",
                                  "a.jinja", "a.jinja2", "a.hbs", "a.handlebars", "a.mustache",
                                  "a.liquid", "a.tmpl", "a.html.j2"])
def test_folder_walk_picks_up_every_format(name: str) -> None:
    assert readers.is_draft(Path(name))


# -- positions never drift -----------------------------------------------------
_PIECES = st.sampled_from([
    "you", "failed", "Zsófia", "é", "e\u0301", "😀", "👍🏽", " ", "\t", "\n", "\r\n", "\r", ",", ".",
    "{{ client }}", "[Client Name]", "%DATE%", "${x}", "<<name>>",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_every_word_maps_back_to_itself(source: str) -> None:
    doc = text.read(source, "a.txt", ReadOptions())
    for span in doc.words:
        if any(p.start < span.end and span.start < p.end for p in doc.placeholders):
            continue
        s, e = doc.source_span(span.start, span.end)
        assert unicodedata.normalize("NFC", source[s:e]).replace("\r\n", "\n").replace("\r", "\n") \
            == doc.text[span.start:span.end]
        line, col, *_ = doc.locate(span.start, span.end)
        before = source[:s].replace("\r\n", "\n").replace("\r", "\n")
        assert (line, col) == (before.count("\n") + 1, len(before) - before.rfind("\n"))


# -- the command line ------------------------------------------------------------
def test_a_file_that_is_not_utf8_is_an_error_and_the_others_are_linted(run_cli, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes("Frankly, vége. Üdv\n".encode("latin-1", "replace"))
    (tmp_path / "good.txt").write_text("Frankly, no.\n", encoding="utf-8")
    proc = run_cli("--isolated", "--rules", str(RULES), "--select", "golden.frankly", "--format", "json",
                   "bad.txt", "good.txt")
    assert proc.returncode == 2
    assert "bad.txt" in proc.stderr and "UTF-8" in proc.stderr and "Traceback" not in proc.stderr
    assert [f["path"] for f in json.loads(proc.stdout)] == ["good.txt"]


@pytest.mark.parametrize("meta", ['<meta charset="iso-8859-2">',
                                  '<META http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">'])
def test_html_in_the_charset_it_declares(meta: str, tmp_path: Path) -> None:
    from tonelint.config import Config
    from tonelint.engine import Linter

    page = f"<head>{meta}</head><p>Kedves Ügyfél, frankly, vége.</p>"
    (tmp_path / "a.html").write_bytes(page.encode("iso-8859-2"))
    config = Config(lang="en", rules=[str(RULES)], select=["golden.frankly"])  # a Hungarian-looking page
    result = Linter(config).lint_file(tmp_path / "a.html")
    assert result.error is None
    assert "Kedves Ügyfél" in result.document.text
    assert [f.column for f in result.findings] == [page.index("frankly") + 1]


def test_fix_keeps_the_charset_an_html_file_declares(run_cli, tmp_path: Path) -> None:
    page = '<meta charset="iso-8859-2"><p>Kedves Ügyfél, we terminate.</p>'
    (tmp_path / "a.html").write_bytes(page.encode("iso-8859-2"))
    proc = run_cli("--isolated", "--lang", "en", "--rules", str(RULES), "--select", "golden.plain",
                   "--fix", "a.html")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.html").read_bytes() == page.replace("terminate", "end").encode("iso-8859-2")


def test_fix_leaves_mail_alone(run_cli, tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"] = "Ending"
    msg.set_content("Kedves Ügyfél, we terminate.\n", cte="quoted-printable")
    (tmp_path / "m.eml").write_bytes(bytes(msg))
    proc = run_cli("--isolated", "--rules", str(RULES), "--select", "golden.plain", "--fix", "m.eml")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "TL907" in proc.stdout  # still reported, at its place in the decoded body
    assert (tmp_path / "m.eml").read_bytes() == bytes(msg)


def _mail(body: bytes, content_type: str) -> bytes:
    return b"Subject: hello\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body


@pytest.mark.parametrize(("data", "error"), [
    (_mail("Frankly, vége.".encode("latin-1"), "text/plain"), "not UTF-8 and declares no charset"),
    (_mail(b"Frankly.", "text/plain; charset=klingon"), "unknown charset 'klingon'"),
])
def test_mail_charset_errors_name_the_file(run_cli, tmp_path: Path, data: bytes, error: str) -> None:
    (tmp_path / "m.eml").write_bytes(data)
    proc = run_cli("--isolated", "m.eml")
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(error) and "m.eml" in proc.stderr


def test_mail_in_a_declared_charset(run_cli, tmp_path: Path) -> None:
    (tmp_path / "m.eml").write_bytes(_mail("Kedves Ügyfél,\nFrankly, vége.".encode("latin-1"),
                                           "text/plain; charset=iso-8859-1"))
    proc = run_cli("--isolated", "--lang", "en", "--rules", str(RULES), "--select", "golden.frankly",
                   "--format", "json", "m.eml")
    found = json.loads(proc.stdout)
    assert [(f["line"], f["column"]) for f in found] == [(5, 1)]


def test_stdin_filename_picks_the_reader(run_cli) -> None:
    draft = "<!-- frankly -->\n<p>Frankly, no.</p>\n"
    args = ("--isolated", "--rules", str(RULES), "--select", "golden.frankly", "--format", "json", "-")
    as_html = json.loads(run_cli(*args, "--stdin-filename", "x.html", input=draft).stdout)
    as_text = json.loads(run_cli(*args, input=draft).stdout)
    assert [(f["line"], f["column"]) for f in as_html] == [(2, 4)]
    assert [(f["line"], f["column"]) for f in as_text] == [(1, 6), (2, 4)]


def test_config_switches_turn_quotes_and_signature_back_on(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hi.\n-- \nFrankly, sig.\n\nOn Mon, 3 Jun 2024, Ann wrote:\n> Frankly, old.\n",
                                    encoding="utf-8")
    args = ("--rules", str(RULES), "--select", "golden.frankly", "--format", "json", "a.txt")

    def lines() -> list[int]:
        return [f["line"] for f in json.loads(run_cli(*args).stdout)]

    assert lines() == []
    (tmp_path / ".tonelint.yaml").write_text("lint-quoted: true\n", encoding="utf-8")
    assert lines() == [6]
    (tmp_path / ".tonelint.yaml").write_text("lint-quoted: true\nlint-signature: true\n", encoding="utf-8")
    assert lines() == [3, 6]
    assert [f["line"] for f in json.loads(run_cli(*args, "--no-lint-quoted").stdout)] == [3]
    (tmp_path / ".tonelint.yaml").write_text("lint-quoted: yes please\n", encoding="utf-8")
    proc = run_cli(*args)
    assert proc.returncode == 2 and "lint-quoted" in proc.stderr


def test_combining_accents_read_as_composed_letters() -> None:
    source = "Kedves Zso\u0301fia, ko\u0308szo\u0308no\u0308m.\r\n"
    doc = text.read(source, "a.txt", ReadOptions())
    assert doc.text == "Kedves Zsófia, köszönöm.\n"
    start = doc.text.index("köszönöm")
    line, col, end_line, end_col, *_ = doc.locate(start, start + len("köszönöm"))
    assert (line, col, end_line, end_col) == (1, 17, 1, 28)


def test_mail_subject_and_body(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"] = "Végre vége — frankly"
    msg.set_content("Frankly, done.\n", cte="base64")
    doc = readers.read_bytes(bytes(msg), "m.eml", ReadOptions())
    assert " ".join(doc.text.split()) == "Frankly, done. Végre vége — frankly"
