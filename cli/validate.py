"""``python -m geo validate``: check a data folder (or the configured store) and count what it holds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import settings

from .registry import command


def _data_dir_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=None,
                   help=f"data folder (default: the store: ${settings.DATABASE_URL_ENV} if set, else data/)")


def _validate_configure(p: argparse.ArgumentParser) -> None:
    _data_dir_arg(p)


@command("validate", "check a data folder; exit 1 and name file, row and field on bad data")
def _validate(args: argparse.Namespace) -> int:
    from geo.store import FileStore as FolderStore
    from geo.store import open_store
    from geo.transaction import FileStore

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
