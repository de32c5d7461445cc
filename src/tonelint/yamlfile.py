"""Load YAML safely and remember where each key stood, for errors a user can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import TonelintError

if TYPE_CHECKING:
    import yaml

Path_ = tuple[Any, ...]


class Located:
    """YAML data plus a map from key paths (``("rules", 0, "id")``) to line numbers."""

    def __init__(self, data: Any, lines: dict[Path_, int], path: str) -> None:
        self.data = data
        self.lines = lines
        self.path = path

    def line(self, *keys: Any) -> int | None:
        """The line of the longest known prefix of ``keys``."""
        for n in range(len(keys), -1, -1):
            if keys[:n] in self.lines:
                return self.lines[keys[:n]]
        return None

    def error(self, message: str, *keys: Any) -> TonelintError:
        return TonelintError(message, self.path, self.line(*keys))


def load(text: str, path: str) -> Located:
    """Parse ``text``; syntax errors and duplicate keys raise TonelintError."""
    import yaml  # 20 ms: only runs that read a YAML file (packs out of the cache, configs)

    try:  # the C loader is in PyYAML's wheels and several times faster
        loader_class: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - pure-Python PyYAML
        loader_class = yaml.SafeLoader
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise TonelintError(f"not valid YAML: {exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:
        raise TonelintError(f"not valid YAML: {exc}", path) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, path)
    return Located(data, lines, path)


def _walk(node: yaml.Node, at: Path_, lines: dict[Path_, int], path: str) -> None:
    import yaml

    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise TonelintError(f"duplicate key {key!r}", path, key_node.start_mark.line + 1)
            seen.add(key)
            _walk(value_node, at + (key,), lines, path)
            lines[at + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, at + (i,), lines, path)
