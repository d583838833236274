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
from .paths import Refused, TooLarge, read_bounded

Path_ = tuple[str | int, ...]

MERGE_TAG = "tag:yaml.org,2002:merge"
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_FILE_BYTES = 5 * 1024 * 1024
SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


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
    """Read a UTF-8 text file the deck depends on, refusing missing, huge or binary files,
    and anything but a regular file (see :func:`paths.read_bounded`)."""
    try:
        raw = read_bounded(path, limit)
    except TooLarge as exc:
        raise DeckError.at(
            SourcePos.start_of(path),
            f"file is {exc.size:,} bytes, over the {limit:,}-byte limit for deck inputs; split it",
        ) from None
    except Refused as exc:
        raise DeckError.at(SourcePos.start_of(path), f"file not found (it {exc})") from None
    except (FileNotFoundError, NotADirectoryError):
        raise DeckError.at(SourcePos.start_of(path), "file not found") from None
    except OSError as exc:
        raise DeckError.at(SourcePos.start_of(path), f"cannot read file: {exc.strerror}") from None
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a UTF-8 byte order mark
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise DeckError.at(
            SourcePos(str(path), line, col),
            f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None


def load_yaml(path: Path) -> SourceTree:
    """Parse ``path`` into a :class:`SourceTree`; YAML errors become positioned DeckErrors."""
    text = read_text(path)
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> SourceTree:
    try:
        node = yaml.compose(text, Loader=_BoundedLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and exc.problem:
            message = f"{exc.context.strip()}: {message}"
            if exc.context_mark and "end of stream" in exc.problem:  # say where it started
                message += f" (it starts at line {exc.context_mark.line + 1})"
        pos = _pos(path, mark) if mark else SourcePos.start_of(path)
        raise DeckError.at(pos, f"YAML syntax error: {message}") from None
    except yaml.reader.ReaderError as exc:  # a control character, or a lone surrogate
        before = text[:exc.position]
        pos = SourcePos(str(path), before.count("\n") + 1, exc.position - before.rfind("\n"))
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise DeckError.at(pos, f"control or special character U+{ord(char):04X} is not "
                                "allowed in YAML; remove it") from None
    except yaml.YAMLError as exc:
        raise DeckError.at(SourcePos.start_of(path), f"YAML error: {exc}") from None
    except _TooDeep as exc:
        raise DeckError.at(_pos(path, exc.mark), f"nesting deeper than {MAX_DEPTH} levels; "
                                                 "flatten the structure") from None
    tree = SourceTree(data=None, file=path)
    if node is None:
        return tree
    _check_expansion(node, path)
    builder = _Builder(tree)
    tree.data = builder.build(node, (), 0)
    return tree


def _values(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [value for _, value in node.value]
    return []


def _check_expansion(root: Node, path: Path) -> None:
    """Refuse an alias bomb before building anything: count the values the node graph
    expands to, each shared (anchored) node once, in time linear in the file's size."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active or depth > MAX_DEPTH + 2:
            return 1  # recursion or depth: the builder reports it with its position
        active.add(key)
        total = 1 + sum(size(child, depth + 1) for child in _values(node))
        active.discard(key)
        sizes[key] = total
        return total

    if size(root, 0) <= MAX_NODES:
        return
    node, budget = root, MAX_NODES - 1  # the builder's count when it would give up: find
    while _values(node):                # the value it would be building then
        for child in _values(node):
            if sizes.get(id(child), 1) > budget:
                node, budget = child, budget - 1
                break
            budget -= sizes.get(id(child), 1)
        else:
            break
    raise DeckError.at(_pos(path, node.start_mark),
                       f"document expands to more than {MAX_NODES:,} values (aliases/anchors "
                       "used too heavily?); simplify it")


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("nesting too deep")
        self.mark = mark


class _DepthLimit:
    """PyYAML's composer recurses once per nesting level: stop it before Python's stack
    runs out ("[[[[..." ten thousand deep) instead of hitting RecursionError."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 2:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _BoundedLoader(_DepthLimit, yaml.composer.Composer, CParser,  # type: ignore[misc]
                         SafeConstructor, yaml.resolver.Resolver):
        """libyaml scans and parses (about ten times faster than pure Python); the Python
        composer on top keeps the depth limit and the same nodes and marks."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # PyYAML built without libyaml
    class _BoundedLoader(_DepthLimit, yaml.SafeLoader):  # type: ignore[no-redef]
        pass


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
        if node.tag != (SEQ_TAG if isinstance(node, SequenceNode) else MAP_TAG):  # !!set, !x
            raise DeckError.at(where, f"unsupported YAML tag '{node.tag}'; use plain "
                                      "mappings, lists and text")
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth, where)
        raise DeckError.at(where, "unsupported YAML node")

    def _scalar(self, node: ScalarNode, where: SourcePos) -> Any:
        try:
            return self.scalars.construct_object(node, deep=True)
        except ConstructorError as exc:
            if "could not determine a constructor" in (exc.problem or ""):  # !!python/name:...
                raise DeckError.at(where, f"unsupported YAML tag '{node.tag}'; use plain "
                                          "mappings, lists and text") from None
            raise DeckError.at(
                where, f"unsupported YAML value: {(exc.problem or 'unknown tag').strip()}"
            ) from None
        except (ValueError, OverflowError) as exc:
            if "integer string conversion" in str(exc):  # Python's 4,300-digit limit
                raise DeckError.at(where, "number has too many digits; write it shorter "
                                          "(or quote it to make it text)") from None
            raise DeckError.at(where, f"invalid YAML value: {exc}") from None

    def _mapping(self, node: MappingNode, path: Path_, depth: int, where: SourcePos) -> dict:
        explicit_count = sum(1 for key, _ in node.value if key.tag != MERGE_TAG)
        try:
            self.scalars.flatten_mapping(node)
        except ConstructorError as exc:
            raise DeckError.at(where, f"invalid merge key: {(exc.problem or '').strip()}") from None
        merged_count = len(node.value) - explicit_count  # flatten puts merged pairs first
        result: dict[Any, Any] = {}
        explicit: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key_pos = _pos(self.tree.file, key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                raise DeckError.at(key_pos, "mapping keys must be plain text")
            key = self._scalar(key_node, key_pos)  # refuses unsupported tags
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise DeckError.at(key_pos, "mapping keys must be plain text")
            key = key_node.value  # as written: YAML 1.1 reads on, yes and null as True, None
            if index >= merged_count:  # a key written here may override a merged one, once
                if key in explicit:
                    raise DeckError.at(key_pos, f"duplicate key '{key}'; each key may appear once")
                explicit.add(key)
            if key in result:
                self.tree.positions.pop(path + (key,), None)
            self.tree.key_positions[path + (key,)] = key_pos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result
