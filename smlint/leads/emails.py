"""Classify an email address offline: syntax, placeholder, disposable, free-mail, role account.

Syntax uses ``email-validator`` with deliverability (DNS) checks off, behind a cheap guard:
plain ASCII ``dot-atom@domain.tld`` addresses — nearly all of an export — are accepted by a
strict regex that only admits what email-validator also accepts (a property test checks it),
so the slower validator runs only on the odd ones. Disposable domains are the maintained
``disposable-email-domains`` list plus our additions; the other lists ship in ``smlint/data``.
Disposable is checked before free-mail because the lists overlap.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from email_validator import EmailNotValidError, validate_email
from email_validator import SPECIAL_USE_DOMAIN_NAMES

SYNTAX, PLACEHOLDER, DISPOSABLE, FREE, ROLE = "syntax", "placeholder", "disposable", "free", "role"
CHECKS = (SYNTAX, PLACEHOLDER, DISPOSABLE, FREE, ROLE)
MEMO_LIMIT = 20_000  # distinct addresses remembered (about 150 bytes each) before the memo starts over

_PLAIN = re.compile(
    r"(?P<local>[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*)@"
    r"(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})", re.ASCII)
_SPECIAL = frozenset(SPECIAL_USE_DOMAIN_NAMES)
_plain = _PLAIN.fullmatch


# Google ignores dots in Gmail local parts and googlemail.com is the same mailbox; most providers
# (Gmail, Outlook, iCloud, Fastmail, Proton, Google Workspace and Exchange domains) deliver
# name+tag@ to name@ (RFC 5233 subaddressing), so a form filled twice that way is one person.
_GMAIL = ("gmail.com", "googlemail.com")


def mailbox(address: str) -> str:
    """The mailbox an address reaches, for duplicate keys: ``D.Ruiz+webinar@googlemail.com`` →
    ``druiz@gmail.com``. Case-folded; the +tag dropped; dots dropped for Gmail."""
    address = address.strip().casefold()
    local, at, domain = address.rpartition("@")
    if not at or ("+" not in local and domain not in _GMAIL):
        return address
    local = local.split("+", 1)[0] or local  # "+tag@x" alone keeps its text: not a subaddress
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


@lru_cache(maxsize=None)
def domain_list(name: str) -> frozenset[str]:
    """A packaged list (``smlint/data/NAME.txt``): one entry a line, ``#`` comments."""
    text = resources.files("smlint.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def disposable_domains() -> frozenset[str]:
    """Throwaway-mailbox domains: the maintained ``disposable-email-domains`` list (about 10,000,
    updated with each release; its allowlist taken out) plus smlint's own few additions
    (``smlint/data/disposable_domains.txt``: services it has seen that the list lacks)."""
    from disposable_email_domains import allowlist, blocklist

    return frozenset((set(blocklist) - set(allowlist)) | domain_list("disposable_domains"))


def fast_syntax_ok(address: str) -> bool:
    """True only for addresses email-validator certainly accepts (a guard, not a verdict)."""
    m = _plain(address)
    if m is None or len(address) > 254:
        return False
    at = m.end(1)  # the local part is address[:at], the domain what follows the "@" there
    if at > 64 or address.find("--", at) >= 0:
        return False  # "--" in a label is reserved for IDNA (xn--): the validator decides
    return address[address.rindex(".") + 1:] not in _SPECIAL  # the domain ends in ".tld"


def syntax_problem(address: str) -> str | None:
    """None when the address is valid, else email-validator's reason."""
    if fast_syntax_ok(address):
        return None
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


class EmailClassifier:
    """Problems of each distinct address, computed once (shared by every email rule)."""

    def __init__(self, extra_free=(), extra_disposable=(), extra_role=()) -> None:
        self.disposable = disposable_domains() | {d.lower() for d in extra_disposable}
        self.free = domain_list("free_mail_domains") | {d.lower() for d in extra_free}
        self.role = domain_list("role_accounts") | {r.lower() for r in extra_role}
        placeholders = domain_list("placeholder_emails")
        self.placeholder_locals = {p[6:] for p in placeholders if p.startswith("local:")}
        self.placeholder_domains = {p[7:] for p in placeholders if p.startswith("domain:")}
        self.memo: dict[str, tuple] = {}

    def classify(self, address: str) -> tuple[tuple[str, str], ...]:
        """Every ``(problem, detail)`` of the address, in CHECKS order; empty when it is fine."""
        try:
            return self.memo[address]
        except KeyError:
            pass
        if len(self.memo) >= MEMO_LIMIT:
            self.memo.clear()
        result = self._classify(address)
        self.memo[address] = result
        return result

    def _classify(self, address: str) -> tuple[tuple[str, str], ...]:
        reason = syntax_problem(address)
        if reason is not None:
            return ((SYNTAX, reason),)
        local, _, domain = address.rpartition("@")
        local, domain = local.lower(), domain.lower()
        found = []
        if local in self.placeholder_locals or domain in self.placeholder_domains or _repeated(local):
            found.append((PLACEHOLDER, "a placeholder address"))
        if domain in self.disposable:  # before free-mail: the lists overlap
            found.append((DISPOSABLE, f"a disposable domain ({domain})"))
        elif domain in self.free:
            found.append((FREE, f"a free-mail domain ({domain})"))
        if local.split("+", 1)[0] in self.role:
            found.append((ROLE, f"a role account ({local}@)"))
        return tuple(found)


def _repeated(local: str) -> bool:
    """``aaaa``, ``xxxxx``: one character typed over and over."""
    return len(local) >= 3 and len(set(local)) == 1
