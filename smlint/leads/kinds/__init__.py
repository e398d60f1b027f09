"""Lead rule kinds, one module each, registered in one explicit dict (STYLE.md habit 2).

Adding a kind = one module, one line here, its schema entry and its tests.
"""
from __future__ import annotations

from smlint.leads.kinds.assigned import Assigned
from smlint.leads.kinds.attribution import Attribution
from smlint.leads.kinds.consent import Consent
from smlint.leads.kinds.duplicate import Duplicate
from smlint.leads.kinds.email import Email
from smlint.leads.kinds.gate import Gate
from smlint.leads.kinds.phone import Phone
from smlint.leads.kinds.required import Required
from smlint.leads.kinds.schema import Schema
from smlint.leads.kinds.sla import Sla
from smlint.leads.kinds.stale import Stale

KINDS = {
    "required": Required,
    "email": Email,
    "phone": Phone,
    "gate": Gate,
    "sla": Sla,
    "duplicate": Duplicate,
    "consent": Consent,
    "attribution": Attribution,
    "stale": Stale,
    "schema": Schema,
    "assigned": Assigned,
}
