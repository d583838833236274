"""What a build read, and whether a built deck is still up to date with it.

Every build records the files it read — the deck, its data files, chart CSVs and their
``.meta.yaml`` provenance, images, a strings file (``--language``), and every file of the
theme's folder (``theme.yaml``, a template, fonts) — each with a SHA-256 of its content, plus
deckbuilder's version, the theme in force and the language the deck was translated into. This *inputs manifest* is stored inside the .pptx as a custom XML part
(``customXml/itemN.xml``, the OOXML place for a producer's own data, kept by PowerPoint), so
a deck carries its own provenance and no side file can get lost or out of step.

``deckbuilder build --check`` loads the deck again (no layout, no rendering), works out what
it reads now, and compares content hashes with the manifest: hashes, not modification
times, so a fresh clone — where every file looks new — is judged correctly. Text inputs are
hashed after normalising line endings and a UTF-8 BOM, which the loader ignores too, so a
checkout with ``core.autocrlf`` is not "changed".

Files are recorded by a stable name: relative to the project root (POSIX separators), or
``<deckbuilder>/…`` for themes shipped with deckbuilder outside the project, or absolute
(only with ``--allow-outside``). ``SOURCE_DATE_EPOCH`` only changes the timestamps in the
document properties, so it is not part of the check.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterator, NoReturn

from . import __version__
from .errors import DeckError, SourcePos
from .paths import PathPolicy, Refused, read_bounded, real_path

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Compiled

NAMESPACE = "urn:deckbuilder-pptx:inputs:1"
SHIPPED = "<deckbuilder>"
TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".csv", ".json", ".txt", ".md", ".toml"})
MAX_THEME_FILES = 200
MAX_MANIFEST_BYTES = 5 * 1024 * 1024
MAX_INPUT_BYTES = 100 * 1024 * 1024  # the largest input (a template); larger is never hashed

_attempts: ContextVar[list[Path] | None] = ContextVar("deckbuilder_attempts", default=None)


# ----- recording what a build reads --------------------------------------------------------

@dataclass(frozen=True)
class RecordingPolicy(PathPolicy):
    """A :class:`PathPolicy` that remembers every file it resolved, and for what."""

    reads: list[tuple[Path, str]] = field(default_factory=list, compare=False, repr=False)

    def resolve(self, reference: str, pos: Any, what: str = "file") -> Path:
        attempts = _attempts.get()
        if attempts is not None and isinstance(reference, str) and "\0" not in reference:
            try:  # a file that is missing now is worth watching for
                attempts.append((self.deck_file.parent / reference).resolve())
            except (OSError, RuntimeError, ValueError):
                pass
        path = super().resolve(reference, pos, what)
        self.reads.append((path, what))
        return path


@contextmanager
def tracking_attempts() -> Iterator[list[Path]]:
    """Collect every path a deck *tried* to read in the block, even if the build failed."""
    attempts: list[Path] = []
    token = _attempts.set(attempts)
    try:
        yield attempts
    finally:
        _attempts.reset(token)


def theme_inputs(folder: Path | None, policy: PathPolicy) -> list[Path]:
    """Every file of a theme's folder (``theme.yaml``, a template, fonts...), checked by the
    path policy before the template in it is read: inside the project (a shipped theme:
    inside deckbuilder's themes), a regular file of at most ``MAX_INPUT_BYTES``. Hidden files
    and ``__pycache__`` are not inputs; links to folders are not followed."""
    from .theme import shipped_themes_dirs

    if folder is None or not folder.is_dir():
        return []
    real = real_path(folder)
    root = next((d.resolve() for d in shipped_themes_dirs() if real.is_relative_to(d.resolve())),
                policy.root)
    found = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        found += [Path(top) / name for name in names if not name.startswith(".")]
    checked = []
    for path in sorted(found)[:MAX_THEME_FILES]:
        pos = SourcePos.whole(path)
        checked.append(policy.check(path, pos, "theme file", path.name, root))
        size = checked[-1].stat().st_size
        if size > MAX_INPUT_BYTES:
            raise DeckError.at(pos, f"theme file is {size:,} bytes, over the "
                                    f"{MAX_INPUT_BYTES:,}-byte limit; a theme folder holds "
                                    "theme.yaml, a template and small files: move it out")
    return checked


def read_inputs(policy: PathPolicy, theme_files: list[Path]) -> dict[Path, str]:
    """Every file a compile read (or whose presence matters), with its role."""
    inputs: dict[Path, str] = {policy.deck_file: "deck"}
    reads = policy.reads if isinstance(policy, RecordingPolicy) else []
    for path, what in reads:
        inputs.setdefault(path, what)
        if what == "chart data file":  # provenance sits next to the CSV, if it exists
            from .charts.data import meta_path

            inputs.setdefault(meta_path(path), "chart metadata")
    for path in theme_files:
        inputs.setdefault(path, "theme")
    return inputs


# ----- the manifest ------------------------------------------------------------------------

@dataclass(frozen=True)
class InputFile:
    name: str              # stable name, see the module docstring
    role: str              # deck, data file, chart data file, chart metadata, image, theme
    sha256: str | None     # None: the file does not exist (its creation would matter)


@dataclass(frozen=True)
class Manifest:
    version: str
    options: tuple[tuple[str, str], ...]
    files: tuple[InputFile, ...]

    def to_element(self) -> Any:
        """The manifest as an lxml element (written through lxml, never by formatting)."""
        from lxml import etree

        root = etree.Element(f"{{{NAMESPACE}}}inputs", nsmap={None: NAMESPACE})
        root.set("generator", "deckbuilder")
        root.set("version", self.version)
        for name, value in self.options:
            option = etree.SubElement(root, f"{{{NAMESPACE}}}option")
            option.set("name", name)
            option.set("value", value)
        for item in self.files:
            element = etree.SubElement(root, f"{{{NAMESPACE}}}file")
            element.set("path", item.name)
            element.set("role", item.role)
            if item.sha256 is None:
                element.set("present", "false")
            else:
                element.set("sha256", item.sha256)
        return root

    @classmethod
    def from_xml(cls, data: bytes) -> "Manifest | None":
        """Parse a stored manifest; None if ``data`` is not one."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            return None
        if root.tag != f"{{{NAMESPACE}}}inputs":
            return None
        options = tuple((e.get("name", ""), e.get("value", ""))
                        for e in root.iter(f"{{{NAMESPACE}}}option"))
        files = tuple(InputFile(e.get("path", ""), e.get("role", ""), e.get("sha256"))
                      for e in root.iter(f"{{{NAMESPACE}}}file"))
        return cls(root.get("version", ""), options, files)


def content_hash(path: Path) -> str | None:
    """SHA-256 of a file's content (text normalised as the loader reads it), None if absent.
    Raises :class:`~deckbuilder.paths.Refused` for what is not a regular file of at most
    ``MAX_INPUT_BYTES`` (a device, a pipe, a loop of links)."""
    try:
        data = read_bounded(path, MAX_INPUT_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if path.suffix.lower() in TEXT_SUFFIXES:
        data = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return hashlib.sha256(data).hexdigest()


def stable_name(path: Path, root: Path) -> str:
    """How ``path`` is named in a manifest (independent of where the project is cloned)."""
    from .theme import shipped_themes_dirs

    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    for folder in shipped_themes_dirs():
        if path.is_relative_to(folder.resolve()):
            return f"{SHIPPED}/themes/{path.relative_to(folder.resolve()).as_posix()}"
    return path.as_posix()


def path_for(name: str, root: Path, allow_outside: bool = False) -> Path:
    """The file a manifest name stands for on this machine. The manifest comes from the
    output, which anyone may have crafted, so the name gets the path rule of the inputs it
    stands for: inside the project (``<deckbuilder>/…``: inside deckbuilder's themes), or
    anywhere with ``--allow-outside``; otherwise :class:`~deckbuilder.paths.Refused`."""
    from .theme import shipped_themes_dirs

    prefix = f"{SHIPPED}/themes/"
    if name.startswith(prefix):
        folders = [folder.resolve() for folder in shipped_themes_dirs()]
        allowed = [path for folder in folders
                   if (path := real_path(folder / name[len(prefix):])).is_relative_to(folder)]
        if not allowed:
            _outside()
        return next((path for path in allowed if path.exists()), allowed[0])
    candidate = real_path(root / name)  # (an absolute name replaces the root)
    if not allow_outside and not candidate.is_relative_to(root):
        _outside()
    return candidate


def _outside() -> NoReturn:
    raise Refused("lies outside the project folder, so it was not read (pass --allow-outside "
                  "if the deck was built with it)")


def manifest_for(compiled: "Compiled", known: dict[str, str | None] | None = None) -> Manifest:
    """The manifest of a compiled deck: its inputs hashed now (except those in ``known``,
    name -> hash just verified), its version and options."""
    root = compiled.policy.root
    known = known or {}
    files = []
    for path, role in compiled.inputs.items():
        name = stable_name(path, root)
        files.append(InputFile(name, role, known[name] if name in known else content_hash(path)))
    files.sort(key=lambda f: f.name)
    options = (("theme", compiled.theme.name),) + (
        (("language", compiled.language),) if compiled.language else ())  # --language
    return Manifest(__version__, options, tuple(files))


def read_manifest(output: Path | IO[bytes]) -> Manifest | None:
    """The manifest stored in a built .pptx, or None (no manifest, or not a .pptx)."""
    try:
        with zipfile.ZipFile(output) as package:
            for data in custom_xml_items(package):
                manifest = Manifest.from_xml(data)
                if manifest is not None:
                    return manifest
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def custom_xml_items(package: zipfile.ZipFile) -> Iterator[bytes]:
    """The content of each custom XML data part of a .pptx (the inputs manifest, the chart
    points), skipping any over ``MAX_MANIFEST_BYTES``."""
    for info in package.infolist():
        name = info.filename
        if (name.startswith("customXml/item") and not name.startswith("customXml/itemProps")
                and name.endswith(".xml") and info.file_size <= MAX_MANIFEST_BYTES):
            yield package.read(info)


# ----- the check ---------------------------------------------------------------------------

def compare(stored: Manifest, current: Manifest) -> list[str]:
    """What differs between the manifest a deck was built with and the inputs now."""
    reasons: list[str] = []
    if stored.version != current.version:
        reasons.append(f"deckbuilder version changed ({stored.version} -> {current.version})")
    old_options, new_options = dict(stored.options), dict(current.options)
    for name in sorted(set(old_options) | set(new_options)):
        if old_options.get(name) != new_options.get(name):
            reasons.append(f"{name} changed ({old_options.get(name, 'unset')} -> "
                           f"{new_options.get(name, 'unset')})")
    before = {f.name: f for f in stored.files}
    after = {f.name: f for f in current.files}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None:
            reasons.append(f"{name}: newly read by the deck")
        elif new is None:
            reasons.append(f"{name}: no longer read by the deck")
        elif old.sha256 != new.sha256:
            reasons.append(f"{name}: {_change(old.sha256, new.sha256)}")
    return reasons


def _change(old: str | None, new: str | None) -> str:
    """How a file's content hash changed (None: the file did not exist)."""
    return "created" if old is None else "deleted" if new is None else "content changed"


def stale_inputs(stored: Manifest, root: Path, allow_outside: bool = False) -> list[str]:
    """Recorded inputs whose content differs now (no compile needed)."""
    reasons = []
    for item in stored.files:
        try:
            now = content_hash(path_for(item.name, root, allow_outside))
        except Refused as exc:
            reasons.append(f"{item.name}: {exc}")
            continue
        if now != item.sha256:
            reasons.append(f"{item.name}: {_change(item.sha256, now)}")
    if stored.version != __version__:
        reasons.insert(0, f"deckbuilder version changed ({stored.version} -> {__version__})")
    return reasons


def check(deck: Path, output: Path, theme_name: str | None = None,
          allow_outside: bool = False, variables: dict[str, Any] | None = None,
          language: str | None = None) -> list[str]:
    """Why ``output`` is not an up-to-date build of ``deck`` (empty: it is up to date).

    Recorded inputs are re-hashed first; only if all match is the deck loaded again (to see
    whether it now reads other files or resolves another theme; ``variables``: one item of
    its ``each:``; ``language``: the deck in that language, from its strings file). A deck
    that no longer loads raises its :class:`~deckbuilder.errors.DeckError`.
    """
    if not output.is_file():
        return [f"{output} does not exist"]
    stored = read_manifest(output)
    if stored is None:
        return [f"{output} has no inputs manifest (not a .pptx built by this deckbuilder; "
                "an older version or another program wrote it)"]
    reasons = stale_inputs(stored, PathPolicy.for_deck(deck).root, allow_outside)
    if reasons:
        return reasons
    from .pipeline import compile_deck

    compiled = compile_deck(deck, theme_name, allow_outside, layout=False, variables=variables,
                            language=language)
    verified = {item.name: item.sha256 for item in stored.files}  # just re-hashed, unchanged
    return compare(stored, manifest_for(compiled, verified))
