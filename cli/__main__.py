"""Entry point for ``python -m cli``."""

import sys

from .main import main

sys.exit(main())
