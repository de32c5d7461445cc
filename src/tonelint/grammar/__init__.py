"""Grammar, spelling and style findings from LanguageTool, off unless configured.

Not a YAML rule kind: LanguageTool brings its own rules, so it is a second source
of findings beside the packs. The engine asks :class:`Grammar` for hits per
document and turns them into findings through the same path as the packs'
(placeholders, select/ignore, severity overrides, per-file-ignores, sorting).

- ``settings``: the ``languagetool:`` config mapping and where text may go;
- ``session``: the one language-tool-python client per run (imported lazily);
- ``matches``: LanguageTool matches -> spans, rule ids, codes, categories.
"""

from __future__ import annotations

from .matches import CATEGORIES, PREFIX, GrammarHit, meta_for, named_meta, probe_metas
from .session import Grammar
from .settings import ENV_URL, PUBLIC, GrammarSettings, settings_from, validate_mapping

__all__ = [
    "CATEGORIES", "ENV_URL", "PREFIX", "PUBLIC", "Grammar", "GrammarHit", "GrammarSettings",
    "meta_for", "named_meta", "probe_metas", "settings_from", "validate_mapping",
]
