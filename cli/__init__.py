"""The command line (``python -m cli …``, also ``python -m geo …``): the composition root above ``geo/`` and ``layers/``."""
