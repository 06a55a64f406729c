"""Command-line interface: ``python -m geo validate|overlaps|export|ingest|repair|sites``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import settings
from .errors import DataValidationError

Handler = Callable[[argparse.Namespace], int]
#: Set this environment variable to get the Python traceback of an unexpected error.
DEBUG_ENV = "PARKMAP_DEBUG"
_COMMANDS: dict[str, tuple[Handler, str]] = {}


def command(name: str, help: str):
    """Register a subcommand: decorate ``handler``; ``handler.configure`` adds its options."""

    def wrap(fn):
        _COMMANDS[name] = (fn, help)
        return fn

    return wrap


def _data_dir_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=None,
                   help=f"data folder (default: the store: ${settings.DATABASE_URL_ENV} if set, else data/)")


def _validate_configure(p: argparse.ArgumentParser) -> None:
    _data_dir_arg(p)


@command("validate", "check a data folder; exit 1 and name file, row and field on bad data")
def _validate(args: argparse.Namespace) -> int:
    from .store import FileStore as FolderStore
    from .store import open_store
    from .transaction import FileStore

    store = open_store(args.data_dir)
    if isinstance(store, FolderStore):  # finish or discard a save that was interrupted
        done = FileStore(store.working_dir()).recover()
        if done:
            print(f"note: {done.message()}", file=sys.stderr)
    ds = store.load()
    for w in ds.warnings:
        print(f"WARNING: {w}", file=sys.stderr)
    where = args.data_dir or (store.describe() if hasattr(store, "describe") else settings.DATA_DIR)
    n_targets = int(ds.clusters["target_value_yi"].notna().sum())
    print(
        f"OK: {len(ds.plans)} plans, {len(ds.parks)} parks, {len(ds.clusters)} cluster rows "
        f"({n_targets} targets), {len(ds.industries)} industries, {len(ds.districts)} districts "
        f"in {where}"
    )
    return 0


_validate.configure = _validate_configure  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    _load_commands()
    parser = argparse.ArgumentParser(prog="python -m geo", description="园区产业地图 data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (handler, help_) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        getattr(handler, "configure", lambda _p: None)(p)
        p.set_defaults(handler=handler)
    return parser


def _load_commands() -> None:
    """Import modules that register further subcommands."""
    import importlib

    for mod in ("geo.overlap_cli", "geo.export_cli", "geo.ingest_cli", "geo.repair", "geo.add_plan_cli", "geo.db.cli", "geo.sites_cli"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise


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
