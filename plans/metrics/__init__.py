"""The metrics a plan's targets can name (see base.py for the contract, definitions.py for the
metrics and their counting rules)."""

from . import definitions  # noqa: F401  (registers the metrics)
from .base import COUNT, PERCENT, VND, YESNO, Metric, Scope, registry

__all__ = ["COUNT", "PERCENT", "VND", "YESNO", "Metric", "Scope", "registry"]
