"""Saved mail (``.eml``): the Subject and the body the client will read.

The rules read the body, then the Subject as its own paragraph. The body is
the first ``text/plain`` part, else the first ``text/html`` part
(through the HTML reader); attachments are never read. Quoted-printable and
base64 are decoded, and the part's declared charset is honoured (no charset:
UTF-8, else a clear error).

Positions: the Document's source is the file with the chosen body decoded in
place. For a body sent as it is (7bit, 8bit) that is the file on disk, so every
line and column is the file's; for a quoted-printable or base64 body, lines and
columns count in the decoded body as if it stood in the file where the encoded
one does (the Subject and headers keep their own lines). An RFC 2047 encoded
Subject maps back to its whole header value.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from typing import TYPE_CHECKING

from ..document import Document, DocumentBuilder
from ..errors import TonelintError
from . import html, text
from .base import decode_as

if TYPE_CHECKING:
    from . import ReadOptions

_HEADER_END = re.compile(rb"\r?\n\r?\n|\r\r")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_SUBJECT = re.compile(rb"(?im)^subject:[ \t]*((?:[^\r\n]*)(?:\r?\n[ \t][^\r\n]*)*)")


def read(source: str, name: str, options: ReadOptions) -> Document:
    """For standard input and ``lint_text``: the text as UTF-8 bytes."""
    return read_bytes(source.encode("utf-8", "surrogateescape"), name, options)


def read_bytes(data: bytes, name: str, options: ReadOptions) -> Document:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None or body.is_multipart():
        body, span, decoded = None, (len(data), len(data)), ""
    else:
        try:
            span = _body_span(data, 0, len(data), msg, body)
        except ValueError:  # a structure we cannot place: read it after the file
            span = (len(data), len(data))
        decoded = _decode(body, name)
    head = _text(data[: span[0]])
    source = head + decoded + _text(data[span[1]:])
    builder = DocumentBuilder(name, source)
    if body is not None:
        fill = html.fill if body.get_content_subtype() == "html" else text.fill
        fill(builder, len(head), len(head) + len(decoded), options)
    # The Subject is read after the body, so that "the opening" and "the first
    # sentence" (where a rule points at something missing) are the body's.
    builder.separator("\n\n", len(head))
    _subject(builder, data, options)
    return builder.build()


def _text(raw: bytes) -> str:
    """Headers and parts not linted: shown as UTF-8, whatever they hold."""
    return raw.decode("utf-8", "replace")


def _decode(part: Message, name: str) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    charset = part.get_content_charset()
    if charset is None:
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            raise TonelintError("the mail body is not UTF-8 and declares no charset", name) from None
    return decode_as(payload, charset, name, "the mail body")


def _body_span(data: bytes, start: int, end: int, part: Message, target: Message) -> tuple[int, int]:
    """Where ``target``'s body lies in ``data``, given that ``part`` occupies ``data[start:end]``."""
    m = _HEADER_END.search(data, start, end)
    body_start = m.end() if m else end
    for newline in (b"\r\n", b"\n"):
        if data.startswith(newline, start):  # a part with no headers
            body_start = start + len(newline)
            break
    if part is target:
        return body_start, end
    boundary = part.get_boundary()
    if not part.is_multipart() or boundary is None:
        raise ValueError("part not found")
    delimiter = re.compile(rb"(?m)^--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*(?:\r?\n|$)")
    marks = list(delimiter.finditer(data, body_start, end))
    subparts = part.get_payload()
    assert isinstance(subparts, list)
    for i, sub in enumerate(subparts):
        if i + 1 >= len(marks):
            break
        sub_start, sub_end = marks[i].end(), marks[i + 1].start()
        # The line break before a delimiter belongs to the delimiter.
        if data[sub_end - 2:sub_end] == b"\r\n":
            sub_end -= 2
        elif data[sub_end - 1:sub_end] == b"\n":
            sub_end -= 1
        if sub is target or any(p is target for p in sub.walk()):
            return _body_span(data, sub_start, max(sub_end, sub_start), sub, target)
    raise ValueError("part not found")


def _subject(builder: DocumentBuilder, data: bytes, options: ReadOptions) -> None:
    header_end = _HEADER_END.search(data)
    m = _SUBJECT.search(data, 0, header_end.start() if header_end else len(data))
    if m is None:
        return
    start = len(_text(data[: m.start(1)]))
    end = start + len(_text(m.group(1)))
    pos = start
    for word in _ENCODED_WORD.finditer(builder.source, start, end):
        gap = builder.source[pos:word.start()]
        if pos == start or gap.strip():  # white space between encoded words is not text
            options.placeholders.add(builder, pos, word.start())
        builder.mapped(_decode_word(word.group()), word.start(), word.end())
        pos = word.end()
    options.placeholders.add(builder, pos, end)


def _decode_word(word: str) -> str:
    """One RFC 2047 encoded word (``=?utf-8?q?Thank_you?=``) as text."""
    try:
        return str(make_header(decode_header(word)))
    except (LookupError, ValueError, UnicodeDecodeError):
        return word
