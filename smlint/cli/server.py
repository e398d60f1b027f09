"""``smlint server``: the language server for editors (smlint/lsp/, docs/editors.md)."""
from __future__ import annotations

import click

from smlint.cli import fail


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default, and the only way).")
def server(stdio):
    """Run the Language Server Protocol server over stdio, for editors (docs/editors.md)."""
    try:
        from smlint.lsp.server import serve
    except ImportError as exc:
        fail(f"smlint server needs pygls ({exc}): pip install 'smlint[server]'")
    serve()
