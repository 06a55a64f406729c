"""The subcommand registry: each command module registers its handler with :func:`command`."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Handler, str]] = {}


def command(name: str, help: str):
    """Register a subcommand: decorate ``handler``; ``handler.configure`` adds its options."""

    def wrap(fn):
        COMMANDS[name] = (fn, help)
        return fn

    return wrap


