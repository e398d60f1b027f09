"""How much the claims registry adds to a run: check a generated corpus with and without it.

    .venv/bin/python bench/registry_bench.py [--mib 5] [--seed 1]

The corpus is generated here (deterministic for a seed): English and Spanish campaign
prose in which about one sentence in eight states a price, a term, a trial or a numeric
claim, the rest plain copy. Prints MiB/s of the registry checks alone and of a whole
``Linter`` run with and without ``registry=examples/registry/claims.yaml``.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from smlint.api import Linter, LintOptions
from smlint.registry import RegistryChecker, load_registry
from smlint.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "examples" / "registry" / "claims.yaml"
PLAIN = {
    "en": ["Your team sees every deal in one place.", "Reports arrive in your inbox each Monday.",
           "Invite colleagues and share pipelines with a click.", "Our support team answers in your language.",
           "Connect your calendar and never miss a follow-up.", "Notes, calls and emails live next to each lead."],
    "es": ["Tu equipo ve cada oportunidad en un solo lugar.", "Los informes llegan a tu correo cada lunes.",
           "Invita a tus compañeros y comparte embudos con un clic.", "Nuestro equipo de soporte te atiende en tu idioma.",
           "Conecta tu calendario y no pierdas ningún seguimiento.", "Notas, llamadas y correos junto a cada contacto."],
}
NUMERIC = {
    "en": ["Basic costs 29 €/month, taxes included.", "Up to 30% faster onboarding. Based on 120 customers, March 2026.",
           "Start your 14-day free trial.", "Close 40% more deals.", "Pro is 49 € a month.", "No contract."],
    "es": ["El plan Básico cuesta 29 €/mes, IVA incluido.", "Prueba gratis durante 7 días.",
           "9 de cada 10 clientes recomiendan Acme.", "Permanencia de 12 meses.", "Ahorra hasta un 25 % de tiempo.",
           "Sin permanencia."],
}


def corpus(mib: float, seed: int) -> list[str]:
    """Documents of about 4 KiB each, half English, half Spanish."""
    rng = random.Random(seed)
    docs, size = [], 0
    while size < mib * 1024 * 1024:
        lang = rng.choice(("en", "es"))
        paras = []
        for _ in range(8):
            sentences = [rng.choice(NUMERIC[lang]) if rng.random() < 0.125 else rng.choice(PLAIN[lang])
                         for _ in range(rng.randint(3, 7))]
            paras.append(" ".join(sentences))
        docs.append("\n\n".join(paras) + "\n")
        size += len(docs[-1].encode("utf-8"))
    return docs


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=float, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    docs = [Document.plain(f"web/d{i}.txt", text) for i, text in enumerate(corpus(args.mib, args.seed))]
    mib = sum(len(d.source.encode("utf-8")) for d in docs) / 2**20
    checker = RegistryChecker(load_registry(REGISTRY))
    found = []
    t_reg = timed(lambda: [found.extend(checker.check(d)) for d in docs])
    without, with_reg = Linter(LintOptions()), Linter(LintOptions(registry=str(REGISTRY)))
    t_without = timed(lambda: [without.check_document(d) for d in docs])
    t_with = timed(lambda: [with_reg.check_document(d) for d in docs])
    print(f"{len(docs)} documents, {mib:.1f} MiB, {len(found)} registry findings")
    print(f"registry checks alone : {t_reg:6.2f} s  {mib / t_reg:6.2f} MiB/s")
    print(f"linter, no registry   : {t_without:6.2f} s  {mib / t_without:6.2f} MiB/s")
    print(f"linter, with registry : {t_with:6.2f} s  {mib / t_with:6.2f} MiB/s")


if __name__ == "__main__":
    main()
