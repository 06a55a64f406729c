"""Command-line interface: ``python -m geo validate|overlaps|export|ingest|repair|sites|add-plan|db``.

The composition root of the project: it sits above ``geo/`` (data and domain) and ``layers/`` (maps, exports)
and may import both; neither imports it. ``python -m cli`` and ``python -m geo`` both run :func:`main`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from geo.errors import DataValidationError

# Each command module registers its subcommand on import.
from . import add_plan, db, export, ingest, overlap, repair, sites, validate  # noqa: F401
from .registry import COMMANDS

#: Set this environment variable to get the Python traceback of an unexpected error.
DEBUG_ENV = "PARKMAP_DEBUG"
#: Order of the subcommands in ``--help``.
ORDER = ("validate", "overlaps", "export", "ingest", "repair", "add-plan", "db", "sites")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="python -m geo", description="园区产业地图 data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in sorted(COMMANDS, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        handler, help_ = COMMANDS[name]
        p = sub.add_parser(name, help=help_, description=help_)
        getattr(handler, "configure", lambda _p: None)(p)
        p.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; bad data gives exit 1 and a readable message, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except DataValidationError as exc:
        print(f"INVALID: {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, most likely set off by unusual data: say so in one line
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"ERROR: unexpected {type(exc).__name__}: {exc}. The tool met something it does not check yet; "
            f"please report it with the command you ran (set {DEBUG_ENV}=1 to see the details).",
            file=sys.stderr,
        )
        return 1
