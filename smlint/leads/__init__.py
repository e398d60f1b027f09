"""Lead-quality linting: CRM exports checked against the marketing–sales lead agreement.

``records`` streams exports, ``fields`` binds semantic fields to columns and parses values,
``kinds/`` holds one module per rule kind, ``engine`` runs a pack, ``scorecards`` aggregates
segments and budgets. The Python entry point is :func:`smlint.leads.engine.check_leads`.
"""
