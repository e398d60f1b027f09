"""The ``{detail}`` of a lead finding in the pack's language (issue 13: it stayed English inside
Spanish messages).

Kinds and classifiers write details in English; a pack with ``language: es`` gets them through
this catalog, one pattern per detail shape, applied once per distinct detail (details repeat:
"no activity for 45 days"). A detail no pattern knows stays as it is, and a test checks that
every kind's details are known. Messages of other libraries (email-validator's syntax reasons,
JSON Schema's) are wrapped in a Spanish sentence with the original in parentheses.
"""
from __future__ import annotations

import re
from typing import Callable

# (English detail as a regex with named groups, Spanish template over those groups); first match wins
_ES: list[tuple[str, str]] = [
    (r"has no owner", "no tiene propietario"),
    (r"is owned by a queue \((?P<q>.+)\), not a person", "es de una cola ({q}), no de una persona"),
    (r"no (?P<names>\w+(?: or \w+)*)", "sin {names}"),
    (r"(?P<f>\w+) is not an agreed value", "{f} no es un valor acordado"),
    (r"no marketing consent or legal basis on record", "no consta consentimiento de marketing ni base legal"),
    (r"duplicate of row (?P<n>\d+)", "duplicado de la fila {n}"),
    (r"needs (?P<c>.+)", "no cumple {c}"),
    (r"(?P<f>\w+) is empty", "{f} está vacío"),
    (r"never touched, (?P<h>[\d.]+ (?:h|working hours)) after (?P<f>\w+)", "sin contactar, {h} después de {f}"),
    (r"touched after (?P<h>[\d.]+ (?:h|working hours)) \(limit (?P<l>[\d.]+ (?:h|working hours))\)",
     "contactado tras {h} (límite {l})"),
    (r"no activity for (?P<d>\d+) days", "sin actividad desde hace {d} días"),
    (r"a placeholder address", "una dirección de relleno"),
    (r"a disposable domain \((?P<d>.+)\)", "un dominio desechable ({d})"),
    (r"a free-mail domain \((?P<d>.+)\)", "un dominio de correo gratuito ({d})"),
    (r"a role account \((?P<l>.+)\)", "una cuenta genérica ({l})"),
    (r"a placeholder number", "un número de relleno"),
    (r"not a valid number for (?P<w>.+)", "no es un número válido para {w}"),
    (r"not a phone number", "no es un número de teléfono"),
    (r"unknown country code", "prefijo de país desconocido"),
    (r"no country code and no country to read it in", "sin prefijo de país ni país con el que leerlo"),
    (r"(?P<v>.+) is greater than the maximum of (?P<m>.+)", "{v} supera el máximo ({m})"),
    (r"(?P<v>.+) is less than the minimum of (?P<m>.+)", "{v} es menor que el mínimo ({m})"),
    (r"(?P<v>.+) is a required property", "falta {v}"),
    (r"(?P<rest>The (?:email address|domain name|part after the @-sign).*)", "dirección no válida ({rest})"),
    (r"(?P<rest>.+ (?:should not be valid under|does not match|is too long|is too short|is not of type) .+)",
     "no cumple el esquema ({rest})"),
]
_CATALOGS = {"es": [(re.compile(p), t) for p, t in _ES]}
# units and words inside the groups above (only those: the others quote field names and other libraries)
_WORDS = {"es": {"working hours": "horas laborables", " or ": " ni "}}
_WORDED = frozenset({"names", "h", "l"})


def translator(language: str) -> Callable[[str], str]:
    """``detail -> detail`` in ``language``; the identity for English and ``any``."""
    catalog = _CATALOGS.get(language)
    if catalog is None:
        return lambda detail: detail
    words = _WORDS.get(language, {})
    memo: dict[str, str] = {}

    def translate(detail: str) -> str:
        done = memo.get(detail)
        if done is None:
            if len(memo) >= 10_000:
                memo.clear()
            done = memo[detail] = _translate(catalog, words, detail)
        return done
    return translate


def _translate(catalog, words: dict[str, str], detail: str) -> str:
    for pattern, template in catalog:
        m = pattern.fullmatch(detail)
        if m:
            groups = {k: _words(words, v) if k in _WORDED else v for k, v in m.groupdict().items()}
            return template.format(**groups)
    return detail


def _words(words: dict[str, str], text: str) -> str:
    for english, local in words.items():
        text = text.replace(english, local)
    return text


def known(language: str, detail: str) -> bool:
    """Whether the catalog of ``language`` has a pattern for ``detail`` (for tests)."""
    return any(p.fullmatch(detail) for p, _ in _CATALOGS.get(language, ()))
