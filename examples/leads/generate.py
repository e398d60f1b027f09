"""Generate ``hubspot-export.csv``: a synthetic HubSpot contacts export with planted defects.

Run ``python examples/leads/generate.py`` to rebuild it (fixed seed: byte-identical output).
Every record is clean for the default ``hubspot`` pack as of 2024-07-01 12:00 UTC except the
ones this script spoils on purpose, in the numbers of ``PLANTED``; the test suite checks that
``smlint leads`` finds exactly those. All names, companies and numbers are made up.
"""
from __future__ import annotations

import csv
import io
import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20240701
ROWS = 400
HERE = Path(__file__).resolve().parent
ZONE = ZoneInfo("America/New_York")
AS_OF = datetime(2024, 7, 1, 8, 0, tzinfo=ZONE)  # 12:00 UTC

HEADER = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title",
          "Country/Region", "Create Date", "Lifecycle Stage", "Lead Status", "HubSpot Score", "Contact owner",
          "Original Source", "UTM Campaign", "Became a Marketing Qualified Lead Date", "Date of first engagement",
          "Last Activity Date", "Marketing contact status", "Last marketing email send date", "Message"]

# Findings each defect produces, by rule (the test suite asserts these exact numbers).
PLANTED = {
    "hubspot-leads/email-missing": 4, "hubspot-leads/email-invalid": 5, "hubspot-leads/email-placeholder": 3,
    "hubspot-leads/email-disposable": 4, "hubspot-leads/email-free-mail-mql": 6,
    "hubspot-leads/email-role-account": 3, "hubspot-leads/phone-invalid": 5, "hubspot-leads/phone-placeholder": 3,
    "hubspot-leads/mql-gate": 7, "hubspot-leads/sql-needs-phone": 2, "hubspot-leads/first-touch-sla": 9,
    "hubspot-leads/stale-open-lead": 6, "hubspot-leads/duplicate-email": 5,
    "hubspot-leads/company-placeholder": 3, "hubspot-leads/email-without-consent": 4,
    "hubspot-leads/unknown-source": 4, "leads/invalid-value": 2, "leads/unreadable-record": 2,
}

FIRST = ["Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irene", "Jamal", "Kenji", "Laura",
         "Marco", "Nadia", "Oscar", "Paula", "Quinn", "Rosa", "Samir", "Tara", "Usha", "Victor", "Wendy", "Yusuf"]
LAST = ["Alvarez", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jones", "Kowalski",
        "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Quiroga", "Rossi", "Silva", "Turner", "Novak", "Weber"]
COMPANIES = [("Acme Robotics", "acme-robotics.io"), ("Globex Logistics", "globex-logistics.com"),
             ("Initech Software", "initech.co"), ("Umbrella Labs", "umbrella-labs.com"),
             ("Stark Components", "starkcomponents.com"), ("Wayne Analytics", "wayne-analytics.com"),
             ("Hooli Cloud", "hooli.cloud"), ("Vandelay Imports", "vandelay-imports.com"),
             ("Soylent Foods", "soylentfoods.com"), ("Tyrell Systems", "tyrell.systems"),
             ("Cyberdyne Health", "cyberdyne-health.com"), ("Massive Dynamic", "massivedynamic.net"),
             ("Aperture Fitness", "aperturefit.com"), ("Pied Piper Media", "piedpiper.media"),
             ("Oscorp Energy", "oscorp-energy.com"), ("Nakatomi Trading", "nakatomi.trade")]
TITLES = ["Head of Operations", "CTO", "VP Sales", "Marketing Manager", "IT Director", "Procurement Lead",
          "Founder", "Data Analyst", "COO", "Product Manager"]
OWNERS = ["Alice Moreno", "Mark Jensen", "Priya Raman", "Tom Becker", "Lucia Ferri"]
SOURCES = ["Organic Search", "Paid Search", "Email Marketing", "Paid Social", "Referrals", "Direct Traffic"]
CAMPAIGNS = ["spring-webinar", "linkedin-ebook", "pricing-retargeting", "partner-referral", ""]
AREA_CODES = ["212", "312", "415", "512", "617", "646", "702", "713", "206", "303", "404", "305"]
STAGES = [("Subscriber", 40), ("Lead", 110), ("Marketing Qualified Lead", 120), ("Sales Qualified Lead", 60),
          ("Opportunity", 40), ("Customer", 30)]
QUALIFIED = ("Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer")
OPEN = ("Lead", "Marketing Qualified Lead", "Sales Qualified Lead")
MESSAGES = ["", "", "", "Please send pricing for 50 seats.", "Interested in a demo next week.\nBest time: mornings.",
            "We use a competitor today;\n\"switching\" in Q3."]


class Export:
    """Builds the rows: clean records first, then the planted defects on distinct rows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.emails: set[str] = set()
        self.spoiled: set[int] = set()

    def when(self, dt: datetime, us_style: bool) -> str:
        return dt.strftime("%m/%d/%Y %I:%M %p").lstrip("0").replace("/0", "/") if us_style \
            else dt.strftime("%Y-%m-%d %H:%M")

    def email(self, first: str, last: str, domain: str) -> str:
        base = f"{first}.{last}".lower()
        address, n = f"{base}@{domain}", 2
        while address in self.emails:
            address, n = f"{base}{n}@{domain}", n + 1
        self.emails.add(address)
        return address

    def phone(self) -> str:
        r = self.rng
        exchange = r.randint(201, 989)
        while exchange % 100 == 11 or exchange == 555:  # N11 codes and 555 are not subscriber numbers
            exchange = r.randint(201, 989)
        return f"+1 ({r.choice(AREA_CODES)}) {exchange}-{r.randint(1000, 9999)}"

    def record(self, rid: int, stage: str) -> dict:
        r = self.rng
        first, last = r.choice(FIRST), r.choice(LAST)
        company, domain = r.choice(COMPANIES)
        us_style = r.random() < 0.15
        created = AS_OF - timedelta(days=r.randint(35, 180), minutes=r.randint(0, 1440))
        rec = dict.fromkeys(HEADER, "")
        rec.update({"Record ID": str(1000 + rid), "First Name": first, "Last Name": last,
                    "Email": self.email(first, last, domain), "Phone Number": self.phone(),
                    "Company Name": company, "Job Title": r.choice(TITLES), "Country/Region": "United States",
                    "Create Date": self.when(created, us_style), "Lifecycle Stage": stage,
                    "Lead Status": r.choice(["New", "Open", "In Progress", "Connected"]),
                    "HubSpot Score": str(r.randint(55, 98) if stage in QUALIFIED else r.randint(0, 60)),
                    "Contact owner": r.choice(OWNERS), "Original Source": r.choice(SOURCES),
                    "UTM Campaign": r.choice(CAMPAIGNS), "Message": r.choice(MESSAGES)})
        if stage == "Subscriber" and r.random() < 0.5:
            rec["Email"] = self.email(first, last, "gmail.com")
        if stage in QUALIFIED:
            mql = created + timedelta(hours=r.randint(1, 96))
            rec["Became a Marketing Qualified Lead Date"] = self.when(mql, us_style)
            rec["Date of first engagement"] = self.when(mql + timedelta(minutes=r.randint(20, 1300)), us_style)
        recent = AS_OF - timedelta(days=r.randint(1, 25), minutes=r.randint(0, 600))
        rec["Last Activity Date"] = self.when(recent if stage in OPEN else created, us_style)
        if r.random() < 0.6:
            rec["Marketing contact status"] = "Marketing contact"
            rec["Last marketing email send date"] = self.when(AS_OF - timedelta(days=r.randint(2, 30)), us_style)
        else:
            rec["Marketing contact status"] = r.choice(["Marketing contact", "Non-marketing contact"])
        return rec


def _stages(rng: random.Random) -> list[str]:
    stages = [s for s, n in STAGES for _ in range(n)]
    rng.shuffle(stages)
    return stages


def plant(ex: Export, rows: list[dict]) -> None:
    """Spoil distinct rows, each in exactly one way (counts in PLANTED)."""
    r = ex.rng
    by_stage: dict[str, list[int]] = {}
    for i, rec in enumerate(rows):
        by_stage.setdefault(rec["Lifecycle Stage"], []).append(i)
    for pool in by_stage.values():
        r.shuffle(pool)

    def take(*stages: str) -> int:
        index = by_stage[r.choice([s for s in stages if by_stage[s]])].pop()
        ex.spoiled.add(index)
        return index

    anyone = lambda: take("Subscriber", "Lead", "Opportunity", "Customer")  # noqa: E731

    for _ in range(4):
        rows[anyone()]["Email"] = ""
    for bad in ["dana.ruiz@acme-robotics", "ben..brooks@globex-logistics.com", "carla chen@initech.co",
                "david.dubois@@umbrella-labs.com", "elena.evans.hooli.cloud"]:
        rows[anyone()]["Email"] = bad
    for bad in ["test@test.com", "asdf@starkcomponents.com", "noemail@tyrell.systems"]:
        rows[anyone()]["Email"] = bad
    for bad in ["farid.f@mailinator.com", "grace.h@yopmail.com", "hugo.ito@guerrillamail.com", "irene@10minutemail.com"]:
        rows[anyone()]["Email"] = bad
    for i in range(6):
        rec = rows[take("Marketing Qualified Lead", "Sales Qualified Lead")]
        rec["Email"] = ex.email(rec["First Name"], rec["Last Name"] + str(i), "gmail.com")
    for role in ["info", "sales", "support"]:
        rec = rows[anyone()]
        rec["Email"] = ex.email(role, "team", rec["Email"].split("@")[1]).replace(".team", "", 1)
    for bad in ["+1 (415) 867-23", "+1 (100) 234-5678", "555-12", "+34 912 34", "+44 20 7946 00"]:
        rows[anyone()]["Phone Number"] = bad
    for bad in ["000-000-0000", "(123) 456-7890", "+1 (212) 555-0147"]:
        rows[anyone()]["Phone Number"] = bad
    _plant_gate(rows, take)
    for _ in range(2):
        rows[take("Sales Qualified Lead")]["Phone Number"] = ""
    _plant_sla(ex, rows, take)
    for _ in range(6):
        rec = rows[take("Lead", "Marketing Qualified Lead")]
        rec["Last Activity Date"] = ex.when(AS_OF - timedelta(days=r.randint(45, 120)), False)
    for bad in ["n/a", "Unknown", "-"]:
        rows[anyone()]["Company Name"] = bad
    for _ in range(4):
        rec = rows[anyone()]
        rec["Marketing contact status"] = "Non-marketing contact"
        rec["Last marketing email send date"] = ex.when(AS_OF - timedelta(days=9), False)
    for source, campaign in [("", ""), ("", ""), ("Trade show (Berlin)", "spring-webinar"), ("Webinar", "")]:
        rec = rows[anyone()]
        rec["Original Source"], rec["UTM Campaign"] = source, campaign
    for bad in ["15.03.2024 14:30", "March 3rd"]:
        rows[anyone()]["Create Date"] = bad


def _plant_gate(rows: list[dict], take) -> None:
    """Seven MQLs below the gate, all from one campaign so its gate budget is missed."""
    for i in range(7):
        rec = rows[take("Marketing Qualified Lead")]
        rec["UTM Campaign"] = "linkedin-ebook"
        if i < 4:
            rec["HubSpot Score"] = str(20 + 5 * i)
        else:
            rec["Job Title"] = ""


def _plant_sla(ex: Export, rows: list[dict], take) -> None:
    """Nine SLA breaches: six for one owner, three for another (two budgets missed)."""
    for i in range(9):
        rec = rows[take("Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity")]
        rec["Contact owner"] = "Mark Jensen" if i < 6 else "Priya Raman"
        mql = AS_OF - timedelta(days=ex.rng.randint(10, 30))
        rec["Became a Marketing Qualified Lead Date"] = ex.when(mql, False)
        rec["Date of first engagement"] = "" if i % 3 == 0 else ex.when(mql + timedelta(hours=30 + 7 * i), False)


def build() -> bytes:
    """The whole export as bytes (UTF-8, one cp1252 row, one ragged row)."""
    rng = random.Random(SEED)
    ex = Export(rng)
    rows = [ex.record(i, stage) for i, stage in enumerate(_stages(rng))]
    plant(ex, rows)
    clean = [i for i, rec in enumerate(rows) if rec["Lifecycle Stage"] in ("Subscriber", "Customer")
             and i not in ex.spoiled]
    dups = [dict(rows[i], **{"Record ID": str(2000 + i), "Email": " " + rows[i]["Email"].upper()})
            for i in sorted(rng.sample(clean, 5))]
    for dup in dups:  # each after its original, which has the smaller Record ID
        first = next(n for n, rec in enumerate(rows) if rec["Email"] == dup["Email"].strip().lower())
        rows.insert(rng.randint(first + 1, len(rows)), dup)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    lines = [out.getvalue().encode("utf-8")]
    for n, rec in enumerate(rows):
        out.seek(0), out.truncate()
        writer.writerow([rec[h] for h in HEADER])
        lines.append(out.getvalue().encode("utf-8"))
        if n == 150:  # a hand-edited row with one cell too many
            lines.append(b"1999,Ramon,Vidal,ramon.vidal@initech.co,,Initech Software,,Spain,extra\r\n")
        if n == 300:  # a row pasted from a Windows-1252 spreadsheet
            out.seek(0), out.truncate()
            writer.writerow([dict(rec, **{"Record ID": "3999", "Last Name": "Mu\u00f1oz"})[h] for h in HEADER])
            lines.append(out.getvalue().encode("cp1252"))
    return b"".join(lines)


def main() -> None:
    data = build()
    (HERE / "hubspot-export.csv").write_bytes(data)
    (HERE / "planted.json").write_text(json.dumps(PLANTED, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    lines = data.count(b"\n")
    print(f"wrote {HERE / 'hubspot-export.csv'} ({lines} lines); planted: {sum(PLANTED.values())} findings")


if __name__ == "__main__":
    main()
