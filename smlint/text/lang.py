"""Pick English or Spanish for a document.

Heuristic (documented in docs/usage.md): count very common function words of each
language in the first 5,000 characters of the folded text; Spanish wins with more
Spanish hits (ties and texts with no hits at all go to English). Spanish markers include
voseo forms ("vos", "queres", "tenes"). Characters only Spanish uses (ñ, ¿, ¡) count double.
"""
from __future__ import annotations

from smlint.text.normalize import WORDS_ONLY, shadow

_EN = {"the", "and", "you", "your", "with", "for", "is", "are", "to", "of", "our", "this", "that",
       "it", "we", "on", "in", "be", "will", "get", "now", "can", "all", "from", "by", "at", "or"}
_ES = {"el", "la", "los", "las", "de", "que", "y", "con", "para", "por", "tu", "tus", "es", "un",
       "una", "del", "nuestro", "nuestra", "su", "sus", "al", "lo", "se", "te", "mas", "como",
       "pero", "sin", "ya", "ahora", "vos", "queres", "tenes", "podes", "sos", "usted", "este", "esta"}
# The folded sample is ASCII, lower case: its words are the runs of [a-z0-9_], and a marker is a
# word that is one (what ``\b(?:the|and|…)\b`` finds). Splitting it in C and looking each word up
# in a set (in C, through ``map``) is several times faster than that regex, which tries every
# alternative at every character (issue 14).
_EN_ONLY = frozenset(w.encode("ascii") for w in _EN - _ES)
_ES_WORDS = frozenset(w.encode("ascii") for w in _ES)
_SPANISH_CHARS = "ñÑ¿¡"
SAMPLE = 5_000


def detect(text: str, folded: bytes | None = None) -> str:
    """``'es'`` or ``'en'``. ``folded``: the shadow of ``text`` when the caller has it (the shadow
    is made character by character, so its first SAMPLE bytes are the sample's: a test checks that
    for every code point)."""
    sample = text[:SAMPLE]
    folded = shadow(sample) if folded is None else folded[:SAMPLE]
    words = folded.translate(WORDS_ONLY).split()
    en = sum(map(_EN_ONLY.__contains__, words))  # counted in C: no Python step per word
    es = sum(map(_ES_WORDS.__contains__, words)) + 2 * sum(sample.count(ch) for ch in _SPANISH_CHARS)
    return "es" if es > en else "en"
