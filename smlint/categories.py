"""Finding categories and the evaluation labels they stand for: the ONE place they are mapped.

A finding's ``category`` comes from its rule (or its pack, or the pack name). The eval set
(``bench/eval_claims.py``) labels real claims with the bad practice a regulator objected to;
this table says which of those labels a finding of each category counts for. A category can
stand for two labels: a free trial that silently becomes a paid subscription is both a hidden
price and a negative-option commitment. Categories missing here (``sales-scripts``: impersonation,
disparaging competitors; ``reviews``: fake or incentivised testimonials, which the eval set labels
``other``) count for no label: they are reported, not scored. An aggregate rating with no source is
a statistic (its rule says ``category: statistics``). Documented in
docs/rules.md and bench/README.md.
"""
from __future__ import annotations

EVAL_LABELS = ("overpromise", "hidden_pricing", "permanence", "vague_claim",
               "unsubstantiated_stat", "pressure")

CATEGORY_LABELS: dict[str, tuple[str, ...]] = {
    "overpromise": ("overpromise",),
    "health": ("overpromise",),   # efficacy promises about the body: cures, slimming, detox …
    "pricing": ("hidden_pricing",),
    "free-offers": ("hidden_pricing",),
    "free-trial": ("hidden_pricing", "permanence"),
    "permanence": ("permanence",),
    "vague-claims": ("vague_claim",),
    # "clinically proven", "backed by science": a claim of proof is vague until the proof is shown
    "evidence-claims": ("unsubstantiated_stat", "vague_claim"),
    # Directive 2024/825 defines a generic environmental claim by its vagueness ("eco-friendly")
    "environmental": ("vague_claim",),
    "statistics": ("unsubstantiated_stat",),
    "pressure": ("pressure",),
}


def labels_for(category: str) -> tuple[str, ...]:
    """The eval labels a finding of ``category`` counts for (none for unmapped categories)."""
    return CATEGORY_LABELS.get(category, ())
