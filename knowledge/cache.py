"""The validated knowledge base kept between starts, so that a start does not read the YAML again.

Reading and validating the procedures, building the matcher's index and the gazetteer take most
of a start, and reading the answer words with the retrieval terms of every passage most of the
first question's; what they give depends only on the files they are built from.
:func:`open_snapshot` hashes all of those — every data and code file under ``knowledge/``
(procedures, localities, lexicons, the old units' table, the modules that read them), the map of
``vietnam-provinces``, the versions of Python and pydantic and :data:`FORMAT` — and looks for a
cache file named by that hash. Found: it is unpickled. Not found: everything is loaded and
validated for real, then written to a temporary file renamed into place. So a changed file, a
changed module or another version of a library is never served from an old cache, and an invalid
file fails the start as it always did (``motcua kb check`` and the tests read the YAML
themselves, never the cache).

A cache file that cannot be read (truncated, corrupt, of another layout, not owned by this user or
writable by others) is logged and ignored; a directory that cannot be written means no cache.
Learned aliases, reviews and supervisors' answers live in the database and are laid over the
restored objects exactly as over freshly read ones.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pydantic

from knowledge.answers import AnswerWords, read_words, use_words
from knowledge.base import KnowledgeBase, load
from knowledge.loader import LOCALITIES_DIR, PACKAGE_DIR, PROCEDURES_DIR
from knowledge.locality import Locality
from knowledge.matcher import Matcher
from knowledge.normalize import default_normalizer, use_normalizer
from knowledge.places import Gazetteer, divisions_json, gazetteer, use_gazetteer
from knowledge.schema import Procedure
from knowledge.topics import Menu, load_menu
from knowledge.turns import Turns, use_turns

log = logging.getLogger("motcua.knowledge")

FORMAT = 4  # the layout of a cache file; raise it when :class:`Snapshot` changes
SUFFIXES = frozenset({".py", ".yaml", ".yml", ".gz", ".tsv", ".json"})
KEEP = 4  # cache files kept in the directory (several checkouts may share it)


@dataclass(frozen=True)
class Snapshot:
    """What a start builds from the files: the knowledge base (validated), the matcher without
    learned aliases (its normaliser holds the lexicon), the gazetteer (with the words it reads
    places with), the menu and the answer words with the retrieval terms of every passage read
    (``knowledge.answers.read_words``) and the words that steer a turn (``knowledge.turns``)."""

    procedures: tuple[Procedure, ...]
    localities: tuple[Locality, ...]
    matcher: Matcher
    gazetteer: Gazetteer
    menu: Menu
    words: AnswerWords
    turns: Turns

    def files(self) -> KnowledgeBase:
        return KnowledgeBase.build(list(self.procedures), list(self.localities))


def _inputs(procedures_dir: Path, localities_dir: Path) -> list[Path]:
    roots = [PACKAGE_DIR]
    roots += [d for d in (procedures_dir, localities_dir) if not d.is_relative_to(PACKAGE_DIR)]
    found = [p for root in roots for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    return [*sorted(found), divisions_json()]


def cache_key(procedures_dir: Path = PROCEDURES_DIR, localities_dir: Path = LOCALITIES_DIR) -> str:
    """The hash of everything a snapshot is built from (see the module's docstring)."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {pydantic.VERSION}".encode())
    for path in _inputs(procedures_dir, localities_dir):
        where = path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path
        digest.update(f"\0{where.as_posix()}\0".encode())  # a file moved changes it too
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build(procedures_dir: Path = PROCEDURES_DIR, localities_dir: Path = LOCALITIES_DIR) -> Snapshot:
    """Load and validate the files (raises :class:`KnowledgeError`) and build from them."""
    files = load(procedures_dir, localities_dir)
    return Snapshot(
        tuple(files.procedures.values()),
        tuple(files.localities.values()),
        Matcher.build(files.procedures.values(), normalizer=default_normalizer()),
        gazetteer(),
        load_menu(),
        read_words(files.procedures.values()),
        Turns.load(),
    )


def _read(path: Path, key: str) -> Snapshot | None:
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                log.warning("knowledge cache %s ignored: not owned by this user only", path)
                return None
            collecting = gc.isenabled()
            gc.disable()  # a hundred thousand objects, all kept: collections only slow it down
            try:
                found = pickle.load(handle)
            finally:
                if collecting:
                    gc.enable()
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or corrupt file raises anything unpickling can
        log.warning("knowledge cache %s ignored: %s", path, exc)
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == key):
        log.warning("knowledge cache %s ignored: not the expected content", path)
        return None
    snapshot = found[1]
    if not isinstance(snapshot, Snapshot):
        log.warning("knowledge cache %s ignored: not the expected content", path)
        return None
    return snapshot


def _write(directory: Path, path: Path, key: str, snapshot: Snapshot) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=directory, prefix=".kb-", suffix=".tmp")
    except OSError as exc:
        log.info("knowledge cache not written to %s: %s", directory, exc)
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, snapshot), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(name, path)
    except Exception as exc:  # a full disk, or an object that cannot be pickled
        log.warning("knowledge cache not written to %s: %s", directory, exc)
        Path(name).unlink(missing_ok=True)
        return
    _prune(directory)


def _prune(directory: Path) -> None:
    """Keep the :data:`KEEP` newest cache files."""
    try:
        files = sorted(directory.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in files[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def open_snapshot(
    directory: Path | None,
    procedures_dir: Path = PROCEDURES_DIR,
    localities_dir: Path = LOCALITIES_DIR,
) -> Snapshot:
    """The snapshot of the files: from ``directory``'s cache when it holds this exact build,
    else built (and cached there). ``directory`` None: always built, nothing written. Its
    normaliser, gazetteer, answer words and turn words become the process's defaults either way."""
    snapshot = None
    if directory is not None:
        key = cache_key(procedures_dir, localities_dir)
        path = directory / f"kb-{key[:32]}.pickle"
        snapshot = _read(path, key)
        if snapshot is None:
            snapshot = build(procedures_dir, localities_dir)
            _write(directory, path, key, snapshot)
    else:
        snapshot = build(procedures_dir, localities_dir)
    use_normalizer(snapshot.matcher.normalizer)
    use_gazetteer(snapshot.gazetteer)
    use_words(snapshot.words)
    use_turns(snapshot.turns)
    return snapshot
