"""Load YAML safely while remembering where every value came from.

PyYAML's composer gives us nodes with marks; we construct plain Python values ourselves so
that each value's position can be stored under its path (``("slides", 3, "title")``). Later
stages report errors by path, and :meth:`SourceTree.pos` turns the path back into
``file:line:col``. Construction is bounded (node count and depth) so alias bombs and
recursive anchors fail fast with a clear message instead of exhausting memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DeckError, SourcePos

Path_ = tuple[str | int, ...]

MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class SourceTree:
    """Plain data from one YAML file plus the position of every value and key."""

    data: Any
    file: Path
    positions: dict[Path_, SourcePos] = field(default_factory=dict)
    key_positions: dict[Path_, SourcePos] = field(default_factory=dict)

    def pos(self, path: Path_, prefer_key: bool = False) -> SourcePos:
        """Position of the value at ``path``, or of its nearest existing ancestor."""
        path = tuple(path)
        while True:
            if prefer_key and path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return SourcePos.start_of(self.file)
            path = path[:-1]


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file the deck depends on, refusing missing, huge or binary files."""
    if not path.is_file():
        raise DeckError.at(SourcePos.start_of(path), "file not found")
    size = path.stat().st_size
    if size > limit:
        raise DeckError.at(
            SourcePos.start_of(path),
            f"file is {size:,} bytes, over the {limit:,}-byte limit for deck inputs; split it",
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeckError.at(
            SourcePos.start_of(path), f"not valid UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise DeckError.at(SourcePos.start_of(path), f"cannot read file: {exc.strerror}") from None


def load_yaml(path: Path) -> SourceTree:
    """Parse ``path`` into a :class:`SourceTree`; YAML errors become positioned DeckErrors."""
    text = read_text(path)
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> SourceTree:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(path, mark) if mark else SourcePos.start_of(path)
        message = (exc.problem or exc.context or "invalid YAML").strip()
        raise DeckError.at(pos, f"YAML syntax error: {message}") from None
    except yaml.YAMLError as exc:
        raise DeckError.at(SourcePos.start_of(path), f"YAML error: {exc}") from None
    tree = SourceTree(data=None, file=path)
    if node is None:
        return tree
    builder = _Builder(tree)
    tree.data = builder.build(node, (), 0)
    return tree


def _pos(path: Path, mark: Any) -> SourcePos:
    return SourcePos(str(path), mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a node graph into plain values, recording positions, within fixed bounds."""

    def __init__(self, tree: SourceTree) -> None:
        self.tree = tree
        self.count = 0
        self.scalars = SafeConstructor()

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        self.count += 1
        where = _pos(self.tree.file, node.start_mark)
        if self.count > MAX_NODES:
            raise DeckError.at(
                where,
                f"document expands to more than {MAX_NODES:,} values (aliases/anchors used "
                "too heavily?); simplify it",
            )
        if depth > MAX_DEPTH:
            raise DeckError.at(where, f"nesting deeper than {MAX_DEPTH} levels (recursive alias?)")
        self.tree.positions.setdefault(path, where)
        if isinstance(node, ScalarNode):
            return self._scalar(node, where)
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth, where)
        raise DeckError.at(where, "unsupported YAML node")

    def _scalar(self, node: ScalarNode, where: SourcePos) -> Any:
        try:
            return self.scalars.construct_object(node, deep=True)
        except ConstructorError as exc:
            raise DeckError.at(
                where, f"unsupported YAML value: {(exc.problem or 'unknown tag').strip()}"
            ) from None
        except (ValueError, OverflowError) as exc:
            raise DeckError.at(where, f"invalid YAML value: {exc}") from None

    def _mapping(self, node: MappingNode, path: Path_, depth: int, where: SourcePos) -> dict:
        try:
            self.scalars.flatten_mapping(node)
        except ConstructorError as exc:
            raise DeckError.at(where, f"invalid merge key: {(exc.problem or '').strip()}") from None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(self.tree.file, key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                raise DeckError.at(key_pos, "mapping keys must be plain text")
            key = self._scalar(key_node, key_pos)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise DeckError.at(key_pos, "mapping keys must be plain text")
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise DeckError.at(key_pos, f"duplicate key '{key}'; each key may appear once")
            self.tree.key_positions[path + (key,)] = key_pos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result
