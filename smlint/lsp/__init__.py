"""The language server (``smlint server``): :mod:`~smlint.lsp.server` speaks the protocol with
pygls, :mod:`~smlint.lsp.checker` checks documents with the project's settings,
:mod:`~smlint.lsp.positions` converts positions, :mod:`~smlint.lsp.actions` makes the edits.
Only ``server`` imports pygls (the ``smlint[server]`` extra)."""
