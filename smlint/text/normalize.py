"""Case and accent folding into a same-length ASCII *shadow* of the text.

Matching runs on the shadow, so every offset found there is an offset in the
checked text: no re-searching, no position drift (STYLE.md habit 1).  The shadow is
ASCII bytes, so byte offsets equal character offsets and RE2 can scan it directly.

Folding maps each code point to exactly one ASCII character:
- ASCII letters are lower-cased;
- Latin letters with diacritics lose them (``á`` → ``a``, ``ñ`` → ``n``, ``Ü`` → ``u``);
- a few symbols that rules mention get a private control character of their own
  (``€``, ``£``, ``¡``, ``¿`` …), so a phrase can still contain them;
- typographic quotes, dashes and non-breaking spaces fold to their ASCII twins;
- everything else becomes ``\\x7f``, a character no rule matches.
"""
from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

OTHER = "\x7f"
SEGMENT_BREAK = "\x1e"  # readers put it between cells: phrases never match across it

# Symbols that keep an identity of their own in the shadow (a private control character each).
_SYMBOLS = "€£¡¿°ª º§¶†‡•…™®©¥¢±×÷"
_PRIVATE = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
_SYMBOL_MAP = {s: p for s, p in zip(_SYMBOLS.replace(" ", ""), _PRIVATE)}
_TWINS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n", "\u00df": "s", "\u00e6": "a", "\u0153": "o",
    "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u00fe": "t", "\u0131": "i",
    "\uff05": "%",
}


@lru_cache(maxsize=None)
def fold_char(ch: str) -> str:
    """The one ASCII character that ``ch`` folds to."""
    if ch < "\x80":
        return ch.lower()
    if ch in _SYMBOL_MAP:
        return _SYMBOL_MAP[ch]
    if ch in _TWINS:
        return _TWINS[ch]
    low = ch.lower()
    if len(low) == 1 and low in _TWINS:
        return _TWINS[low]
    base = unicodedata.normalize("NFD", ch)[:1].lower()
    if base and base < "\x80" and base.isalnum():
        return base
    if unicodedata.category(ch).startswith("Z"):
        return " "
    return OTHER


def _fold_errors(exc: UnicodeError) -> tuple[str, int]:
    """codecs error handler: fold each non-ASCII run, keeping its length."""
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - only registered for encoding
        raise exc
    chunk = exc.object[exc.start:exc.end]
    return "".join(map(fold_char, chunk)), exc.end


codecs.register_error("smlint-fold", _fold_errors)


def shadow(text: str) -> bytes:
    """Fold ``text`` to ASCII bytes of exactly ``len(text)``.

    ``str.lower`` and the ASCII codec do the bulk in C; only non-ASCII runs reach Python.
    """
    if text.isascii():
        return text.lower().encode("ascii")
    low = text.lower()
    if len(low) != len(text):  # 'İ'.lower() is two code points: fold character by character
        return "".join(map(fold_char, text)).encode("ascii")
    return low.encode("ascii", "smlint-fold")


# bytes.translate table: the bytes of ``rb"\w"`` ([A-Za-z0-9_]) kept, every other byte a space, so
# ``shadow.translate(WORDS_ONLY).split()`` is the list of the shadow's words, made in C (issue 14).
WORDS_ONLY = bytes(b if chr(b).isascii() and (chr(b).isalnum() or b == ord("_")) else ord(" ") for b in range(256))


def fold(text: str) -> str:
    """``shadow`` as a string, for folding phrases and example text."""
    return shadow(text).decode("ascii")
