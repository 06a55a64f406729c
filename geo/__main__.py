"""Entry point for ``python -m geo``: runs the command line of the top-level ``cli`` package.

The one sanctioned upward reference from ``geo/`` (tests/test_layering.py allows exactly this): the CLI is
the composition root above ``geo/`` and ``layers/``, so it is looked up by name at run time, never imported
by ``geo`` modules.
"""

import importlib
import sys

sys.exit(importlib.import_module("cli.main").main())
