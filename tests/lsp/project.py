"""The small project the language-server tests check documents in."""

HOUSE_PACK = """\
pack: house
language: en
kind: copy
owner: marketing
description: House style.
rules:
  - id: swap
    kind: substitution
    safe: true
    severity: warning
    swap: {"world-class": "first-rate"}
    message: "'{match}' is vague"
    suggest: "Use '{preferred}'"
    description: Vague words.
    why: Vague words promise nothing a reader can check.
    examples:
      bad: ["A world-class team."]
      good: ["A first-rate team."]
"""
