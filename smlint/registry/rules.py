"""The ``registry`` pack: one :class:`~smlint.model.Rule` per registry check, so that
``smlint rules show``, SARIF and the HTML report can explain registry findings like any other.

The examples are executed by the test suite against ``examples/registry/claims.yaml``
with the document's channel set to ``sales`` (tests/registry/test_rules.py).
"""
from __future__ import annotations

from smlint.model import Pack, Rule, Severity

PACK = "registry"
SOURCE = "smlint/registry/rules.py"
EXAMPLE_CHANNEL = "sales"
_REF = "Claims registry (claims.yaml): the facts and claims Marketing, Sales and Legal signed off"
_UCPD = "EU UCPD 2005/29/EC art. 6(1)(d): misleading statements about the price or the way it is calculated"
_SUBST = "FTC Policy Statement Regarding Advertising Substantiation"

_SPECS: list[dict] = [
    dict(id="price-not-in-plans", severity="error", owner="marketing", category="pricing",
         message="registry says {expected}, copy says {actual}",
         description="A price that matches no plan of the registry (or not the plan named next to it).",
         why="A price the company does not charge is a misleading price statement; the registry's plans are "
             "what Sales will invoice.",
         suggest="Quote a plan price from the registry, or update the registry first.",
         references=(_REF, _UCPD),
         bad=["Todos los planes desde 25 €/mes.", "Pro costs $49 a month."],
         good=["Basic costs 29 €/month, taxes included.", "El plan Pro cuesta 59 €/mes, IVA incluido."]),
    dict(id="taxes-contradiction", severity="error", owner="marketing", category="pricing",
         message="registry says {expected}, copy says '{match}'",
         description="'Taxes included' when the registry's prices exclude taxes, or '+ VAT' when they include them.",
         why="Consumers must see the final price including taxes; saying the opposite of the price list "
             "misleads about the total they will pay.",
         suggest="State taxes as the registry does (facts.taxes_included / prices[].taxes_included).",
         references=(_REF, "EU Price Indication Directive 98/6/EC", _UCPD),
         bad=["Basic: 29 €/month plus VAT.", "Básico por 29 €/mes + IVA."],
         good=["Basic: 29 €/month, VAT included.", "Básico por 29 €/mes, IVA incluido."]),
    dict(id="permanence-contradiction", severity="error", owner="marketing", category="terms",
         message="registry says {expected}, copy says '{match}'",
         description="'No contract', 'cancel anytime', 'sin permanencia' when the offer has a minimum term.",
         why="Promising freedom to leave when the contract has a minimum term is a misleading statement about "
             "the customer's rights, and a top cause of complaints and chargebacks.",
         suggest="State the minimum term and how cancellation works, as in the registry.",
         references=(_REF, "EU UCPD 2005/29/EC art. 6(1)(g)"),
         bad=["No contract, cancel anytime.", "Sin permanencia."],
         good=["12-month minimum term; cancel online.", "Permanencia de 12 meses."]),
    dict(id="term-mismatch", severity="error", owner="marketing", category="terms",
         message="registry says {expected}, copy says {actual}",
         description="A stated minimum term (contract length, permanencia) that differs from the registry.",
         why="The contract term Sales signs must be the one the copy announced.",
         suggest="Use the registry's minimum_term_months.",
         references=(_REF,),
         bad=["6-month minimum term.", "Permanencia mínima de 24 meses."],
         good=["12-month contract.", "Permanencia de 12 meses."]),
    dict(id="fee-mismatch", severity="error", owner="marketing", category="terms",
         message="registry says {expected}, copy says {actual}",
         description="An early exit / cancellation fee that differs from the registry, or 'no fee' when there is one.",
         why="Hidden or misstated exit costs are misleading price information.",
         suggest="Use the registry's early_exit_fee.",
         references=(_REF, _UCPD),
         bad=["Early exit fee: only €30.", "Sin penalización por baja anticipada."],
         good=["Early exit fee: €60.", "Penalización por baja anticipada: 60 €."]),
    dict(id="trial-mismatch", severity="error", owner="marketing", category="terms",
         message="registry says {expected}, copy says {actual}",
         description="A free-trial length that differs from the registry (or a trial when there is none).",
         why="A trial the product does not give is a misleading offer and costs Sales the customer's trust.",
         suggest="Use the registry's trial_days.",
         references=(_REF,),
         bad=["Start your 30-day free trial.", "Y tienes prueba gratis durante 7 días."],
         good=["Start your 14-day free trial.", "14 días de prueba gratis."]),
    dict(id="renewal-contradiction", severity="error", owner="marketing", category="terms",
         message="registry says {expected}, copy says '{match}'",
         description="'No automatic renewal' when the subscription renews automatically (and vice versa).",
         why="Automatic renewal must be disclosed; denying it is a misleading omission regulators pursue.",
         suggest="Say that it renews automatically and how to cancel.",
         references=(_REF, "FTC Negative Option Rule", "EU Consumer Rights Directive 2011/83/EU art. 6"),
         bad=["No automatic renewal.", "Sin renovación automática."],
         good=["Renews automatically each month; cancel online.", "Se renueva automáticamente."]),
    dict(id="claim-number-mismatch", severity="error", owner="marketing", category="claims",
         message="registry says '{expected}' ({claim}), copy says {actual}",
         description="A registered claim used with a different number (or without its 'up to').",
         why="The evidence supports the registered number only; any other number is unsubstantiated.",
         suggest="Use the registered wording and number, or register the new claim with its evidence.",
         references=(_REF, _SUBST),
         bad=["Up to 50% faster onboarding.", "Incorporación hasta un 45 % más rápida."],
         good=["Onboarding up to 30% faster.", "Incorporación hasta un 30 % más rápida."]),
    dict(id="unregistered-claim", severity="warning", owner="marketing", category="claims",
         message="numeric claim '{match}' is not in the claims registry",
         description="A percentage, multiplier, 'up to N', 'N out of 10', 'in N days' or amount no claim approves.",
         why="Every number the copy promises needs evidence on file before it ships.",
         suggest="Register the claim with its evidence in claims.yaml, or drop the number.",
         references=(_REF, _SUBST),
         bad=["Close 40% more deals.", "Reduce tus costes un 25 %."],
         good=["Up to 30% faster onboarding.", "Cierra más ventas con menos trabajo."]),
    dict(id="expired-claim", severity="error", owner="legal", category="claims",
         message="claim {claim} expired on {expires}: renew its evidence or stop using it",
         description="A registered claim used after its expiry date.",
         why="Evidence ages: a claim past its review date is no longer substantiated.",
         suggest="Ask the claim's owner to renew the evidence and the expiry date.",
         references=(_REF, _SUBST),
         bad=["Book twice as many meetings.", "Consigue el doble de reuniones agendadas."],
         good=["Live in 7 days.", "Tu equipo, operativo en 7 días."]),
    dict(id="claim-wrong-channel", severity="warning", owner="sales", category="claims",
         message="claim {claim} is approved for {channels}, not for {channel}",
         description="A registered claim used in a channel (web, email, sales …) it is not approved for.",
         why="Legal approves a claim for the channels where its conditions can be shown.",
         suggest="Use a claim approved for this channel, or ask to extend the claim's channels.",
         references=(_REF,),
         bad=["9 out of 10 customers recommend Acme.", "9 de cada 10 clientes recomiendan Acme."],
         good=["Live in 7 days.", "Tu equipo, operativo en 7 días."]),
    dict(id="missing-disclaimer", severity="warning", owner="marketing", category="claims",
         message="claim {claim} needs its disclaimer nearby: \"{disclaimer}\"",
         description="A registered claim used without the disclaimer the registry requires next to it.",
         why="The disclaimer carries the conditions the evidence holds under; without it the claim misleads.",
         suggest="Add the registry's disclaimer in the same paragraph (or the claim's disclaimer_scope).",
         references=(_REF, _SUBST),
         bad=["Up to 30% faster onboarding.", "Incorporación hasta un 30 % más rápida."],
         good=["Up to 30% faster onboarding. Based on 120 customers, March 2026.",
               "Incorporación hasta un 30 % más rápida (según 120 clientes, marzo de 2026)."]),
]


def registry_rules() -> tuple[Rule, ...]:
    """The registry checks as Rule objects, in a stable order."""
    return tuple(_rule(spec) for spec in _SPECS)


def _rule(spec: dict) -> Rule:
    return Rule(id=f"{PACK}/{spec['id']}", pack=PACK, kind="registry", severity=Severity.parse(spec["severity"]),
                message=spec["message"], description=spec["description"], why=spec["why"], language="any",
                owner=spec["owner"], category=spec["category"], suggest=spec["suggest"],
                references=spec["references"], examples={"bad": spec["bad"], "good": spec["good"]},
                source=SOURCE)


def registry_pack() -> Pack:
    """The rules above as a pack named ``registry`` (for select/ignore globs and ``rules show``)."""
    return Pack(name=PACK, language="any", kind="copy", owner="marketing", path=SOURCE, rules=registry_rules(),
                description="Copy checked against the claims registry: product facts and approved claims.",
                builtin=True)
