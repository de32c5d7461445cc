"""Many phrase patterns, one pass over the text.

Python's regex engine tries a pattern at every position of the text, so thirty
rules used to mean thirty scans, and ten times the patterns ten times the time.
Almost every phrase pattern starts with a known word, though ("you (?:have )?
failed to" can only start at a word beginning "you"). So:

* at load time, :mod:`.parse` works out from each parsed pattern the first
  three letters of every word a match can start with (``"fai"``), or the whole
  word when it is shorter (``"we"``: a key shorter than three letters is a
  whole word); a pattern it cannot vouch for gets ``None``. It also tells the
  characters a match starts with and the strings it must hold;
* per document, a :class:`KeySet` (:mod:`.keyset`) finds in one pass where the
  keys of all rules occur and where each rule's patterns match there;
* :func:`finditer` (:mod:`.scan`) then tries the rule's regex only at those
  positions. It yields exactly what ``regex.finditer`` would: a match with word
  boundaries can only start where a word starts, and it tries positions in the
  same order and skips the same overlaps.

Case-insensitive matching knows a few characters that ``str.lower`` does not
pair the same way (the long s, the dotless i, Greek and Cyrillic variants): a
document containing one is scanned the plain way.
"""

from .keyset import KeySet, Scan, ScanTimeout, ident, pieces
from .parse import KEY_LEN, SPECIAL, alternatives, caseless_first, first_chars, keys, marks, needs, split
from .scan import (
    char_positions,
    find_all,
    finditer,
    finditer_spans,
    hit_spans,
    match_at,
    may_match,
    primed,
)

__all__ = ["KEY_LEN", "SPECIAL", "KeySet", "Scan", "ScanTimeout", "hit_spans", "ident", "alternatives", "caseless_first",
           "char_positions", "find_all", "finditer", "finditer_spans", "first_chars", "keys", "marks", "match_at",
           "may_match", "needs", "pieces", "primed", "split"]
