"""The closed set of rule kinds, in one registry."""

from __future__ import annotations

from .base import Hit, Meta, Option, Rule
from .count import Count
from .metric import Metric
from .phrase import Phrase
from .required import Required
from .shouting import Shouting
from .substitution import Substitution

KINDS: dict[str, type[Rule]] = {
    kind.KIND: kind for kind in (Phrase, Substitution, Required, Count, Metric, Shouting)
}

__all__ = ["KINDS", "Hit", "Meta", "Option", "Rule"]
