"""Fixed findings, rules and run metadata that every format is rendered from (golden files).

Everything is deterministic: version, duration, relative paths with root ".", fingerprints.
It covers a single-line span, a multi-line span, an info finding, hostile text in a message,
a match and a file name, a lead-export finding (row/field), ad copy in a CSV export (a row, a
field and a text span), a DOCX finding (paragraph), and one rule id in two languages (the en and
es packs share ids) with a finding of each; two files checked are clean.
"""
from __future__ import annotations

from smlint.leads.scorecards import Scorecard, ScorecardRow, Verdict
from smlint.model import FileError, Finding, Location, Rule, RunStats, Severity
from smlint.reporters import Report

NASTY_NAME = 'copy/"><img src=x onerror=alert(1)>, v2:final.txt'

LAUNCH = (
    "# Spring launch\n"
    "Guaranteed results in your first month, or your money back.\n"
    "\n"
    "Plans start at $49 per month,\n"
    "billed yearly. Sign up today!\n"
)
HOSTILE = (
    "Intro line.\n"
    'Hurry <script>window.__pwned=1;alert(1)</script> now "><img src=x onerror="window.__pwned=2"> ok\n'
    "Last line.\n"
)
LEADS = "email,stage,owner\nana@example.com,MQL,ines\nnot-an-email,SQL,pablo\n"
LANZAMIENTO = "# Lanzamiento\nResultados garantizados en tu primer mes.\n"
ADS = "campaign,headline\nspring,Sofas on sale. Hurry, it ends soon\n"


def rule(rule_id: str, severity: Severity, owner: str, category: str, *, kind: str = "phrase",
         references: tuple[str, ...] = (), suggest: str | None = None, language: str = "en",
         description: str | None = None, why: str | None = None) -> Rule:
    pack = rule_id.split("/", 1)[0]
    return Rule(id=rule_id, pack=pack, kind=kind, severity=severity, message="{match}",
                description=description or f"Flags {rule_id.split('/', 1)[1].replace('-', ' ')}.",
                why=why or f"Why {rule_id} matters: <b>regulators</b> & customers care.", language=language,
                owner=owner, category=category, suggest=suggest, references=references,
                examples={"bad": [f"A bad example for {rule_id}."], "good": ["A better wording."]},
                source=f"rules/{language}/{pack}.yaml:3")


RULES = [
    rule("overpromise/guaranteed-results", Severity.ERROR, "marketing", "overpromise",
         references=("https://www.ftc.gov/legal-library/browse/advertising-substantiation", "EU UCPD art. 6"),
         suggest="Describe typical results."),
    rule("pricing/price-without-taxes", Severity.WARNING, "legal", "pricing", kind="requires",
         references=("javascript:alert(1)", "Directive 98/6/EC art. 3")),
    rule("urgency/false-urgency", Severity.INFO, "marketing", "urgency", references=("EU UCPD Annex I no. 7",)),
    rule("leads/email-valid", Severity.ERROR, "sales", "data-quality", kind="email", language="any"),
    rule("sales/no-lock-in-claim", Severity.WARNING, "sales", "contract"),
    rule("overpromise/risk-free", Severity.ERROR, "marketing", "overpromise"),  # ran, found nothing
    rule("overpromise/guaranteed-results", Severity.ERROR, "marketing", "overpromise", language="es",
         references=("Ley 34/1988 General de Publicidad, art. 3",), suggest="Describa resultados típicos.",
         description="Señala resultados garantizados.", why="La publicidad engañosa está prohibida."),
]


def findings() -> list[Finding]:
    by_key = {r.key: r for r in RULES}

    def make(rule_id, message, location, match, fp, suggestion=None, language="en"):
        r = by_key.get(f"{language}/{rule_id}") or by_key[rule_id]
        return Finding(rule=r.id, severity=r.severity, message=message, location=location, match=match,
                       suggestion=suggestion, pack=r.pack, owner=r.owner, category=r.category,
                       references=r.references, fingerprint=fp, language=r.language)

    return [
        make("overpromise/guaranteed-results", "'Guaranteed results' promises an outcome",
             Location("copy/launch.md", 2, 1, 2, 19), "Guaranteed results", "0f" * 16,
             suggestion="Describe typical results."),
        make("pricing/price-without-taxes", 'Price "$49" lacks a tax note: 100% of prices need one, always',
             Location("copy/launch.md", 4, 16, 5, 14), "$49 per month,\nbilled yearly", "1e" * 16),
        make("urgency/false-urgency", "Urgency <script>alert(1)</script> & pressure",
             Location(NASTY_NAME, 2, 1, 2, 6), "Hurry", "2d" * 16),
        make("leads/email-valid", "email is not a valid address",
             Location("leads/export.csv", 3, 1, 3, 13, row=3, field="email", record_id="L-0002"),
             "not-an-email", "3c" * 16),
        make("sales/no-lock-in-claim", "'no lock-in' contradicts the 12-month term",
             Location("scripts/call.docx", paragraph=4, context="…and there is no lock-in, ever…"),
             "no lock-in", "4b" * 16),
        make("overpromise/guaranteed-results", "'Resultados garantizados' promete un resultado",
             Location("copy/lanzamiento.md", 2, 1, 2, 24), "Resultados garantizados", "5a" * 16,
             suggestion="Describa resultados típicos.", language="es"),
        make("urgency/false-urgency", "'Hurry' without an end date",
             Location("ads/ads.csv", 2, 23, 2, 28, row=2, field="headline"), "Hurry", "69" * 16),
    ]


# as the lead engine makes them: largest segment first (reporters show the worst first), ids and labels
# (the "verdict" column has no label: reporters show its id)
SCORECARDS = [Scorecard(
    by="owner", label="Owner (sales rep)", columns=("leads", "sla_breach_pct", "verdict", "flagged_pct"),
    labels=(("leads", "Leads"), ("sla_breach_pct", "SLA breach %"), ("flagged_pct", "Flagged %")),
    rows=(ScorecardRow("ines", (("leads", 120), ("sla_breach_pct", 2.5), ("verdict", "pass"), ("flagged_pct", 5.0))),
          ScorecardRow("<b>pablo</b>", (("leads", 40), ("sla_breach_pct", 12.0), ("verdict", "fail"),
                                         ("flagged_pct", 30.0)))))]
BUDGETS = [Verdict(rule="leads/email-valid", by="owner", segment="ines", metric="fail_pct", value=2.5, limit=5,
                   records=120, failed=3, ok=True, severity=Severity.ERROR),
           Verdict(rule="leads/email-valid", by="owner", segment="<b>pablo</b>", metric="fail_pct", value=12.0,
                   limit=5, records=25, failed=3, ok=False, severity=Severity.ERROR)]


# the files checked: those with findings and two clean ones (copy/broken.md could not be checked)
CHECKED = ["ads/ads.csv", "copy/clean.md", NASTY_NAME, "copy/lanzamiento.md", "copy/launch.md", "copy/terms.md",
           "leads/export.csv", "scripts/call.docx"]


def fixture_report(**changes) -> Report:
    """The report every golden file is rendered from; ``changes`` override fields for one test."""
    fields = dict(
        findings=findings(),
        rules=list(RULES),
        errors=[FileError("copy/broken.md", "not valid UTF-8 (byte 0xff on line 1); save the file as UTF-8")],
        stats=RunStats(files_checked=len(CHECKED), files_skipped=1, skipped_reasons={"no reader": 1}, duration=0.25,
                       packs=("leads", "overpromise", "pricing", "sales", "urgency"), checked=list(CHECKED)),
        sources={"copy/launch.md": LAUNCH, NASTY_NAME: HOSTILE, "leads/export.csv": LEADS,
                 "copy/lanzamiento.md": LANZAMIENTO, "ads/ads.csv": ADS},
        version="9.9.9",
        root=".",
        extras={"scorecards": SCORECARDS, "budgets": BUDGETS},
    )
    fields.update(changes)
    return Report(**fields)
