"""Data files smlint ships: domain lists for the lead email checks (see smlint.leads.emails)."""
