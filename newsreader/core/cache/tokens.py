"""Text to index tokens, for Chinese substrings of any length: index and query alike.

SQLite 3.40's trigram tokenizer cannot match one- or two-character queries, so we tokenise in
Python and hand FTS5 space-separated tokens (its tokenizer, ``ascii``, only splits at the spaces;
caches made before schema v3 was changed have ``unicode61``, which splits them alike):

* unigram tokens: every CJK character as its own token, plus lower-cased latin/digit words;
* bigram tokens: the overlapping CJK bigrams of each run of CJK characters, with a separator
  token between runs, so that a phrase cannot span two sentences.

How the tokens are stored is :mod:`.index`'s job, how a query uses them :mod:`.search`'s.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array

# Han (with extensions and compatibility ideographs), kana and hangul: scripts written without
# spaces, which we index character by character.
_CJK_CLASS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_CJK_RUN = f"[{_CJK_CLASS}]+"
# Word characters except "_" and CJK: letters and digits of every other script.
_WORD_RUN = f"[^\\W_{_CJK_CLASS}]+"
_TOKENS = f"({_CJK_RUN})|({_WORD_RUN})"
# Characters that NFKC leaves as they are and that never compose with a neighbour (ASCII, the
# unified ideographs, common CJK punctuation), plus the full-width ASCII punctuation, which NFKC
# maps to ASCII punctuation: a token separator before and after. Only the text between them needs
# NFKC, which is what makes indexing cheap (NFKC of a whole Chinese article costs ~0.5 ms). An
# ASCII character before such a stretch goes with it: a combining mark may compose with it.
_STABLE = (
    "\x00-\x7f\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2014\u2018\u2019\u201c\u201d"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e"
)
_UNSTABLE = f"[\\x00-\\x7f]?[^{_STABLE}]+"
# Between runs in a bigram column, so that "经济。济发" cannot match the phrase of "经济发".
RUN_BREAK = "0"


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    # Compiled on first use: the big Unicode classes cost ~3 ms, which `newsreader read` (it
    # imports this module with the cache but never searches) should not pay at start-up.
    return re.compile(source)


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower-case: index and query alike."""
    return unicodedata.normalize("NFKC", text).lower()


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def token_text(text: str) -> str:
    """Return text with the same tokens as :func:`normalize` (NFKC only where it can matter)."""
    if text.isascii():
        return text.lower()
    return _pattern(_UNSTABLE).sub(_nfkc, text).lower()


def runs(text: str) -> list[tuple[bool, str]]:
    """Split normalised ``text`` into ``(is_cjk, run)`` pairs; punctuation and spaces drop out."""
    return [(bool(cjk), cjk or word) for cjk, word in _pattern(_TOKENS).findall(token_text(text))]


# Code points of one space, to fill the gaps of the token strings built below.
_SPACE = array("I", b"\x20\x00\x00\x00")
# Between CJK runs while their bigrams are built; never in a token text (a control character).
_GLUE = "\x01"


def _code_points(text: str) -> array[int]:
    return array("I", text.encode("utf-32-le"))


def _text(points: array[int]) -> str:
    return points.tobytes().decode("utf-32-le")


def _spaced(text: str) -> str:
    """``"经济"`` -> ``"经 济"``: every character a token, in one pass over code-point arrays."""
    src = _code_points(text)
    out = _SPACE * (2 * len(src) - 1)
    out[0::2] = src
    return _text(out)


def pairs(text: str) -> str:
    """``"经济发"`` -> ``"经济 济发"``: the overlapping bigrams of ``text`` (2+ characters)."""
    src = _code_points(text)
    out = _SPACE * (3 * len(src) - 4)
    out[0::3] = src[:-1]
    out[1::3] = src[1:]
    return _text(out)


def index_columns(text: str) -> tuple[str, str]:
    """Return the ``(uni, bi)`` token strings of ``text`` for the FTS columns.

    ``bi`` is, run after run, the bigrams of each CJK run of two or more characters, with
    :data:`RUN_BREAK` between runs. ``uni`` holds every CJK character and every other word, CJK
    first: its table keeps no positions, so only the tokens count, not their order.
    """
    # Hot path of indexing (a sync, a rebuild): a token per Python object cost 0.7 ms for a
    # typical article. Here the per-character work is done in C: all the runs' characters are
    # spaced out, and all the bigrams built, in one slice assignment over an array of code points.
    found = _pattern(_TOKENS).findall(token_text(text))
    cjk = [run for run, _ in found if run]
    chars = "".join(cjk)
    words = [word for _, word in found if word]
    uni = " ".join([_spaced(chars), *words] if chars else words)
    long = [run for run in cjk if len(run) > 1]
    if not long:
        return uni, ""
    # Bigrams of the runs glued together: those across a glue ("发\x01 \x01经") are cut out,
    # which leaves the two characters beside them at the ends of the pieces.
    pieces = pairs(_GLUE.join(long)).split(f"{_GLUE} {_GLUE}")
    if len(pieces) > 1:
        pieces[0] = pieces[0][:-2]
        pieces[1:-1] = [piece[2:-2] for piece in pieces[1:-1]]
        pieces[-1] = pieces[-1][2:]
    return uni, f" {RUN_BREAK} ".join(pieces)
