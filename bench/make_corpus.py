#!/usr/bin/env python3
"""Generate a reproducible corpus of Markdown campaign copy (English and Spanish) for benchmarks.

Stdlib only, deterministic for a given --seed: landing pages, e-mails and sales scripts with front
matter, headings, lists, tables, links, blockquotes and fenced code; about one sentence in twenty
carries a phrase from the generated phrase list (written next to the corpus as phrases.txt).

    python3 bench/make_corpus.py --out /tmp/smlint-bench --files 2000
"""
from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path

EN_LEFT = ["guaranteed", "instant", "unbeatable", "risk-free", "world-class", "revolutionary", "miracle",
           "lifetime", "exclusive", "unlimited", "effortless", "best-in-class", "zero-risk"]
EN_RIGHT = ["results", "savings", "growth", "returns", "approval", "delivery", "success", "income",
            "discount", "offer", "access", "performance", "upgrade"]
ES_LEFT = ["resultados", "ahorro", "crecimiento", "rendimiento", "acceso", "descuento", "beneficios",
           "ingresos", "precio", "regalo"]
ES_RIGHT = ["garantizados", "inmediatos", "ilimitados", "sin riesgo", "de por vida", "exclusivos",
            "increibles", "asegurados", "milagrosos", "imbatibles", "sin permanencia"]
EN_WORDS = ("our team helps you plan launch measure and improve every campaign with clear reports "
            "simple pricing and friendly support for growing companies across the region").split()
ES_WORDS = ("nuestro equipo te ayuda a planificar lanzar medir y mejorar cada campaña con informes "
            "claros precios sencillos y soporte cercano para empresas que crecen en toda la región").split()


def phrases() -> list[str]:
    """About 260 two-word claims phrases: English adjective+noun and Spanish noun+adjective."""
    en = [f"{a} {b}" for a, b in itertools.product(EN_LEFT, EN_RIGHT)]
    es = [f"{a} {b}" for a, b in itertools.product(ES_LEFT, ES_RIGHT)]
    return en[:150] + es[:110]


def sentence(rng: random.Random, words: list[str], plant: list[str]) -> str:
    body = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    if plant and rng.random() < 1 / 20:
        phrase = rng.choice(plant)
        phrase = rng.choice([phrase, phrase.capitalize(), phrase.title(), phrase.upper()])
        body.insert(rng.randint(0, len(body)), phrase)
    return " ".join(body).capitalize() + rng.choice([".", ".", ".", "!", "?"])


def document(rng: random.Random, plant: dict[str, list[str]]) -> str:
    lang = rng.choice(["en", "es"])
    words, ph = (EN_WORDS, plant["en"]) if lang == "en" else (ES_WORDS, plant["es"])
    out = []
    if rng.random() < 0.4:
        out += ["---", f"title: {sentence(rng, words, [])}", "layout: landing", "---", ""]
    target = rng.randint(1024, 8192)
    while sum(len(p) for p in out) < target:
        kind = rng.random()
        if kind < 0.5:
            out.append(" ".join(sentence(rng, words, ph) for _ in range(rng.randint(2, 6))))
        elif kind < 0.6:
            out.append("## " + sentence(rng, words, ph).rstrip(".!?"))
        elif kind < 0.75:
            out.append("\n".join(f"- {sentence(rng, words, ph)}" for _ in range(rng.randint(2, 5))))
        elif kind < 0.82:
            out.append("| Plan | Price |\n|---|---|\n" + "\n".join(
                f"| {sentence(rng, words, ph)} | {rng.randint(9, 99)} EUR |" for _ in range(3)))
        elif kind < 0.9:
            out.append(f"> {sentence(rng, words, ph)}")
        elif kind < 0.95:
            out.append(f"[{sentence(rng, words, [])}](https://example.com/{rng.randint(1, 999)}) "
                       + sentence(rng, words, ph))
        else:
            out.append("```html\n<p>" + " ".join(rng.choice(ph) for _ in range(3)) + "</p>\n```")
        out.append("")
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261126)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    all_phrases = phrases()
    plant = {"en": all_phrases[:150], "es": all_phrases[150:]}
    corpus = args.out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i in range(args.files):
        (corpus / f"doc{i:05d}.md").write_text(document(rng, plant), encoding="utf-8")
    (args.out / "phrases.txt").write_text("\n".join(all_phrases) + "\n", encoding="utf-8")
    (args.out / "tiny.md").write_text("# Spring offer\n\nPlans from 29 EUR a month, taxes included.\n",
                                      encoding="utf-8")
    print(f"{args.files} files in {corpus}, {len(all_phrases)} phrases in {args.out / 'phrases.txt'}")


if __name__ == "__main__":
    main()
