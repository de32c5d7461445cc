"""Positions: every span of the checked text maps back to line and column on disk."""

from __future__ import annotations

from tonelint.document import DocumentBuilder
from tonelint.placeholders import Placeholders
from tonelint.readers import ReadOptions
from tonelint.readers.text import read


def test_line_and_column_count_characters_across_line_endings() -> None:
    source = "Szia Anna,\r\n\r\nköszönöm 😀 a munkát.\rÜdv\nKim"
    doc = read(source, "d.txt", ReadOptions())
    start = doc.text.index("munkát")
    line, col, end_line, end_col, off, end_off = doc.locate(start, start + len("munkát"))
    assert (line, col, end_line, end_col) == (3, 14, 3, 20)
    assert source[off:end_off] == "munkát"
    assert doc.lines.position(source.index("Üdv")) == (4, 1)


def test_placeholders_read_as_a_name_and_never_shift_positions() -> None:
    source = "Dear {{ client_name }}, you failed to pay %AMOUNT% by {due}."
    doc = read(source, "t.txt", ReadOptions())
    assert doc.text == "Dear Alex, you failed to pay Alex by Alex."
    start = doc.text.index("you failed")
    _, col, _, end_col, off, end_off = doc.locate(start, start + len("you failed"))
    assert source[off:end_off] == "you failed" and col == source.index("you failed") + 1
    name = doc.text.index("Alex")
    assert doc.source_span(name, name + 4) == (5, 22)  # the whole placeholder


def test_statements_and_comments_read_as_nothing() -> None:
    source = "{% if vip %}Thank you{% endif %} {# note #}[Client Name]!"
    doc = read(source, "t.txt", ReadOptions())
    assert doc.text == "Thank you Alex!"


def test_extra_placeholder_patterns_from_config() -> None:
    doc = read("Hello @@name@@.", "t.txt", ReadOptions(Placeholders([r"@@\w+@@"])))
    assert doc.text == "Hello Alex."


def test_sentences_split_at_stops_blank_lines_and_list_items_not_wrapped_lines() -> None:
    text = "Hi Sam,\n\nThe work ends in May and the\nfiles go to you. Thanks!\n- one item\n- two"
    builder = DocumentBuilder("d.txt", text)
    builder.verbatim(0, len(text))
    doc = builder.build()
    got = [text[s.start : s.end] for s in doc.sentences]
    assert got == ["Hi Sam,", "The work ends in May and the\nfiles go to you.", "Thanks!",
                   "- one item", "- two"]
