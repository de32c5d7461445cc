"""The merged pass: where every rule's patterns match, found in one pass over
a document (see the package's docstring)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..patterns import POSSESSIVE, FastPattern, Regex, TimedPattern, compile_error, pattern_source
from .parse import _SPECIAL, HEAD_LEN, KEY_LEN, TOKENS, WORDS, heads

if TYPE_CHECKING:
    from ..document import Document, Span

# The last white space before the end: each space looks on to the next one
# only, so a piece costs linear time even with no space in it.
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"\w")
CACHE_KEY = "prefilter.word-index"
HITS_KEY = "prefilter.hits"


# A rule's regex (with word boundaries), its keys, for each key the alternatives
# that can start with it, and whether it runs sentence by sentence (``scope:
# sentence``) rather than on the whole text.
Scan = tuple[Regex, frozenset[str], dict[str, list[str]], bool]
# One key's merged scans: ``any``, ``each`` and which group of ``each`` is whose.
Merged = tuple[Regex, Regex, list[tuple["Ident", int]]]
Ident = tuple[str, int, bool]  # a scan by pattern, flags and scope


class KeySet:
    """The keys of every rule in force, found in one scan of a document.

    The engine builds one per language and primes each document with it; a rule
    whose keys it holds then reads its candidate positions from the index.

    ``scans`` are the regexes of those rules with their keys. For each key, one
    regex tries all the scans that key can start at once (``any``), and only
    where one matches does a second (``each``: every scan in a lookahead that
    captures) say which: a word where no rule matches, most of them, costs one
    call into the regex engine instead of one per rule. Sentence-scoped scans
    are merged apart and tried up to the end of the sentence, as the rule would.
    """

    def __init__(self, keys: Iterable[str], scans: Iterable[Scan] = ()) -> None:
        self.keys = frozenset(keys)
        usable = [scan for scan in scans if _mergeable(scan[0]) and scan[1] <= self.keys]
        by_key: dict[tuple[str, bool], list[tuple[Ident, Regex, list[str]]]] = {}
        for regex, scan_keys, sources, per_sentence in usable:
            for key in scan_keys:
                by_key.setdefault((key, per_sentence), []).append(
                    (ident(regex, per_sentence), regex, sources[key]))
        merged: dict[tuple[str, bool], Merged] = {}
        for key_scope, entries in by_key.items():
            try:
                merged[key_scope] = _merge(entries)
            except re.error:  # named groups twice, a flag that must come first: scan alone
                continue
        # key -> (its whole-text scans, its sentence scans), either None
        self.merged: dict[str, tuple[Merged | None, Merged | None]] = {
            key: (merged.get((key, False)), merged.get((key, True))) for key, _ in merged}
        # a scan is answered from the merged pass only when every one of its keys was merged
        self.merged_scans = frozenset(
            ident(r, per_sentence) for r, ks, _, per_sentence in usable
            if all((k, per_sentence) in merged for k in ks))
        # The keys whose positions a rule still walks: those of the scans not
        # merged, and of rules that gave no scans (all of them, when none did).
        scans = list(scans)
        self.indexed = self.keys - frozenset().union(*(ks for _, ks, _, _ in scans)) | frozenset().union(
            *(ks for r, ks, _, per_sentence in scans if ident(r, per_sentence) not in self.merged_scans))
        # A merged key is found only where what follows it can start one of its
        # scans' alternatives: most words a key starts ("the", "you") need no more.
        alternatives: dict[str, list[tuple[str, int]]] = {}
        for regex, scan_keys, sources, _ in usable:
            for key in scan_keys:
                alternatives.setdefault(key, []).extend((a, regex.flags) for a in sources[key])
        after = {key: _after(key, alternatives[key]) if key in self.merged and key not in self.indexed else None
                 for key in self.keys}
        self.regex = re.compile(f"(?<!\\w)({_trie(after)})") if self.keys else None

    def prime(self, doc: Document) -> None:
        """Find, in one scan of ``doc``, where each merged scan matches and where
        each key of :attr:`indexed` starts a word; nothing when the text holds a
        character :data:`SPECIAL` names (then every rule scans on its own)."""
        text = doc.text
        index: dict[str, array[int]] | None = None
        hits: dict[Ident, list[int]] | None = None
        if self.regex is not None and not _SPECIAL.search(text):
            index, hits = {}, {ident: [] for ident in self.merged_scans}
            merged, indexed, length = self.merged, self.indexed, len(text)
            sentences: Sequence[Span] = ()  # asked for at the first sentence-scoped key
            i = n = sentence_start = sentence_end = 0  # the sentence at or after the last key
            for base, end in pieces(text):  # lowercased a piece at a time: no second copy of a long text
                # the trie captures the key itself; what follows a key is looked
                # at up to HEAD_LEN characters on, into the next piece
                cut = end - base
                found = [(m.start(), m.group(1)) for m in self.regex.finditer(text[base:end + HEAD_LEN].lower())]
                for start, key in found:
                    if start >= cut:
                        break
                    pos = base + start
                    if key in indexed:
                        positions = index.get(key)
                        if positions is None:
                            index[key] = positions = array("q")
                        positions.append(pos)
                    entry = merged.get(key)
                    if entry is None:
                        continue
                    whole, by_sentence = entry
                    if whole is not None:
                        _record(whole, text, pos, length, hits)
                    if by_sentence is not None:
                        if not n:
                            sentences = doc.sentences
                            n = len(sentences) or -1
                        while pos >= sentence_end and i < n:  # keys come in text order
                            sentence_start, sentence_end = sentences[i].start, sentences[i].end
                            i += 1
                        if sentence_start <= pos < sentence_end:
                            _record(by_sentence, text, pos, sentence_end, hits)
        doc.cache[CACHE_KEY] = (self.indexed, index)
        doc.cache[HITS_KEY] = hits


def _record(entry: Merged, text: str, pos: int, endpos: int, hits: dict[Ident, list[int]]) -> None:
    """Note ``pos`` for each scan of ``entry`` that matches there: one call
    into the regex engine (``any`` for a key with one scan, else ``each``)."""
    any_, each, groups = entry
    if len(groups) == 1:
        if any_.match(text, pos, endpos) is None:
            return
        spans = None
    else:
        m = each.match(text, pos, endpos)
        assert m is not None  # all optional: it always matches
        if m.lastindex is None:  # no scan matched here
            return
        spans = m.regs  # one tuple for all groups: no call a scan
    for ident, group in groups:
        if spans is not None and spans[group][0] < 0:
            continue
        found_at = hits.get(ident)
        if found_at is not None and (not found_at or found_at[-1] != pos):
            found_at.append(pos)  # in text order: sorted (and once, when two rules share a regex)


def pieces(text: str, size: int = 1 << 16) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of pieces of ``text`` that end after white space (the
    last one at the end), so no word is cut and a word's start is seen as one."""
    start = 0
    while start < len(text):
        end = start + size
        if end < len(text):
            cut = _LAST_SPACE.search(text, start, end)
            if cut is not None:
                end = cut.end()
            else:  # no white space in a whole piece: cut at the next
                nxt = _SPACE.search(text, end)
                end = nxt.end() if nxt else len(text)
        else:
            end = len(text)
        yield start, end
        start = end


WORD_END = None  # in a trie's path: no word character follows here
Path = tuple["str | None", ...]


def _after(key: str, alternatives: list[tuple[str, int]]) -> list[Path] | None:
    """What may follow ``key`` where one of ``alternatives`` (those the key
    starts, with their flags) matches, as paths for :func:`_trie`; None when
    anything may."""
    paths: list[Path] = []
    for alternative, flags in alternatives:
        found = heads(alternative, flags)
        if found is None:
            return None
        for text, word_ends in found:
            if len(key) == KEY_LEN:
                if not text.startswith(key):
                    continue  # the alternative's other keys
            elif not (text == key and word_ends or text.startswith(key) and not _WORD.match(text, len(key))):
                continue
            rest: Path = (*text[len(key):], WORD_END) if word_ends else tuple(text[len(key):])
            if not rest:
                return None
            paths.append(rest)
    return paths or None


def _trie(after: dict[str, list[Path] | None]) -> str:
    """One regex for many keys, as a trie: at each position the engine follows
    one branch per letter instead of trying every key in turn. After a key, a
    lookahead holds what ``after`` says may follow it (also a trie)."""
    def path(key: str) -> Path:
        return tuple(key) if len(key) == KEY_LEN else (*key, WORD_END)

    leaves = {path(key): "" if then is None else f"(?={_emit(_grow(then))})" for key, then in after.items()}
    return _emit(_grow(list(leaves)), leaves)


def _grow(paths: list[Path]) -> dict[Any, Any]:
    root: dict[Any, Any] = {}
    for p in paths:
        node = root
        for token in p:
            node = node.setdefault(token, {})
        node[""] = p  # a path ends here
    return root


def _emit(node: dict[Any, Any], leaves: dict[Path, str] | None = None) -> str:
    """A trie's regex; a path that ends takes its leaf's regex (nothing more,
    when not given: any path that ends here matches, and so does the end of
    the piece of text read, since what follows a key may lie past it)."""
    if "" in node:
        if leaves is None:
            return ""
        return leaves[node[""]]
    alts = [_token(token, child) + _emit(child, leaves)
            for token, child in sorted(node.items(), key=lambda item: (item[0] is not None, item[0] or ""))]
    if leaves is None:
        alts.append("\\Z")
    return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _token(token: str | None, then: dict[Any, Any]) -> str:
    if token is WORD_END:
        return "(?!\\w)"
    if token not in TOKENS:
        return re.escape(token)
    if token == WORDS:
        if WORDS in then:  # \w+\w+: quadratic on a long word; one is as good a filter
            then.clear()
            then[""] = ()
        elif all(t is WORD_END or t == "" or not _WORD.match(t) for t in then):
            return "\\w+" + POSSESSIVE  # a space or a stop comes next: no giving back
    return TOKENS[token]


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _mergeable(regex: Regex) -> bool:
    """A scan can sit inside a bigger regex unless it refers to its own groups."""
    return not _BACKREF.search(regex.pattern) and not regex.flags & ~(re.IGNORECASE | re.UNICODE)


def _merge(entries: list[tuple[Ident, Regex, list[str]]]) -> Merged:
    """For one key: ``any`` says one of the scans matches here, ``each`` which
    (its group numbers listed), each scan by the alternatives that key can start.

    Every keyed scan has the same word boundaries around its alternatives, so
    ``any`` checks them once around all of them."""
    def body(r: Regex, alts: list[str]) -> str:
        return f"(?{'i' if r.flags & re.IGNORECASE else '-i'}:{'|'.join(f'(?:{a})' for a in alts)})"

    group, number = [], 1
    for ident, r, alts in entries:
        group.append((ident, number))
        number += 1 + re.compile(pattern_source(alts, True), r.flags).groups
    any_source = pattern_source([body(r, alts) for _, r, alts in entries], True)
    each_source = "".join(f"(?:(?=({pattern_source([body(r, alts)], True)}))|)" for _, r, alts in entries)
    for source in (any_source, each_source):
        problem = compile_error(source)
        if problem:
            raise re.error(problem)
    if all(isinstance(r, FastPattern) for _, r, _ in entries):  # re for shipped and bounded rules
        return re.compile(any_source), re.compile(each_source), group  # called as is: no wrapper
    # Users' patterns inside: timed like every pack pattern (see tonelint.patterns).
    return TimedPattern(any_source, owner="merged rules"), TimedPattern(each_source, owner="merged rules"), group


def ident(regex: Regex, per_sentence: bool) -> Ident:
    """A scan by what it is, not which object: the rules and the KeySet come
    from the cache apart, as copies."""
    return regex.pattern, regex.flags, per_sentence

