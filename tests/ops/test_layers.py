"""The import graph of ``knowledge/``, ``handlers/`` and ``bot/``, read with :mod:`ast`.

Every ``import`` and ``from … import`` counts, at module level and inside functions alike: a
function-level import is still a dependency, and a cycle through one is still a cycle. Imports
under ``if TYPE_CHECKING:`` count too (the types are part of the dependency).

The rules:

- no import cycle among the modules of the three packages;
- ``knowledge`` imports nothing from ``handlers`` or ``bot``;
- ``handlers`` imports nothing from ``bot`` and no messaging, web or database library;
- ``bot.storage`` imports nothing from ``handlers``, ``bot.admin``, ``bot.channels``,
  ``bot.web`` or ``bot.http``.

Each rule is also run on a small tree written to a temporary directory with one planted
violation, so that a rule that silently matches nothing cannot pass.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("knowledge", "handlers", "bot")
LIBRARIES = ("aiohttp", "telegram", "sqlalchemy", "asyncpg", "aiosqlite", "redis", "jinja2")
STORAGE_MAY_NOT = ("handlers", "bot.admin", "bot.channels", "bot.web", "bot.http")

Graph = dict[str, set[str]]


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(root: Path, path: Path, modules: set[str]) -> set[str]:
    """Every name ``path`` imports, absolute, wherever the import statement stands."""
    name = module_name(root, path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # ``from bot import service`` names the module ``bot.service``; ``from bot.service
            # import ChatService`` names ``bot.service`` (a package's ``__init__`` run on the way
            # to its submodule is not counted, as in import-linter).
            for alias in node.names:
                member = f"{target}.{alias.name}"
                found.add(member if member in modules else target)
    return found


def import_graph(root: Path, packages: tuple[str, ...] = PACKAGES) -> tuple[Graph, Graph]:
    """(edges between the packages' own modules, every imported name) per module."""
    files = {
        module_name(root, path): path
        for package in packages
        if (root / package).is_dir()
        for path in sorted((root / package).rglob("*.py"))
        if "migrations" not in path.relative_to(root).parts
    }
    internal: Graph = {}
    raw: Graph = {}
    for name, path in files.items():
        names = imported_names(root, path, set(files))
        raw[name] = names
        internal[name] = {target for target in names if target in files and target != name}
    return internal, raw


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def breaks(raw: Graph) -> list[str]:
    """Every import that crosses a layer the wrong way, as ``module -> imported``."""
    found = []
    for module, names in sorted(raw.items()):
        if within(module, ("knowledge",)):
            banned: tuple[str, ...] = ("handlers", "bot")
        elif within(module, ("handlers",)):
            banned = ("bot", *LIBRARIES)
        elif within(module, ("bot.storage",)):
            banned = STORAGE_MAY_NOT
        else:
            continue
        found.extend(f"{module} -> {name}" for name in sorted(names) if within(name, banned))
    return found


def plant(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for package in PACKAGES:
        (root / package).mkdir(exist_ok=True)
        for directory in [root / package, *(root / package).rglob("*")]:
            if directory.is_dir() and not (directory / "__init__.py").exists():
                (directory / "__init__.py").write_text("", encoding="utf-8")
    return root


# The project's own tree.


def test_the_project_has_no_import_cycle() -> None:
    internal, _ = import_graph(ROOT)
    assert len(internal) > 100  # the tree was found
    assert cycles(internal) == []


def test_the_project_imports_point_down_and_storage_stays_below_the_core() -> None:
    _, raw = import_graph(ROOT)
    assert breaks(raw) == []


# The rules themselves, on planted trees.


def test_a_function_level_import_cycle_is_found(tmp_path: Path) -> None:
    root = plant(
        tmp_path,
        {
            "bot/a.py": "from bot import b\n",
            "bot/b.py": "def late() -> None:\n    from bot.a import thing\n",
        },
    )
    internal, _ = import_graph(root)
    assert cycles(internal) == [["bot.a", "bot.b"]]


def test_a_relative_import_cycle_is_found(tmp_path: Path) -> None:
    root = plant(
        tmp_path,
        {"bot/x/a.py": "from .b import f\n", "bot/x/b.py": "from . import a\n"},
    )
    internal, _ = import_graph(root)
    assert cycles(internal) == [["bot.x.a", "bot.x.b"]]


def test_an_acyclic_tree_has_no_cycle(tmp_path: Path) -> None:
    root = plant(
        tmp_path,
        {"bot/a.py": "import bot.b\n", "bot/b.py": "import knowledge.c\n", "knowledge/c.py": ""},
    )
    internal, _ = import_graph(root)
    assert cycles(internal) == []


def test_knowledge_importing_the_core_is_a_break(tmp_path: Path) -> None:
    root = plant(tmp_path, {"knowledge/m.py": "from handlers.state import State\n"})
    assert breaks(import_graph(root)[1]) == ["knowledge.m -> handlers.state"]


def test_the_core_importing_a_database_library_inside_a_function_is_a_break(
    tmp_path: Path,
) -> None:
    root = plant(tmp_path, {"handlers/m.py": "def f() -> None:\n    import sqlalchemy.orm\n"})
    assert breaks(import_graph(root)[1]) == ["handlers.m -> sqlalchemy.orm"]


def test_the_core_importing_the_runtime_is_a_break(tmp_path: Path) -> None:
    root = plant(tmp_path, {"handlers/m.py": "from bot import config\n", "bot/config.py": ""})
    assert breaks(import_graph(root)[1]) == ["handlers.m -> bot.config"]


def test_storage_importing_the_core_or_a_surface_is_a_break(tmp_path: Path) -> None:
    root = plant(
        tmp_path,
        {
            "bot/storage/m.py": "from handlers.privacy import mask\nimport bot.web.app\n",
            "bot/storage/ok.py": "from bot.storage import base\nfrom knowledge import x\n",
        },
    )
    assert breaks(import_graph(root)[1]) == [
        "bot.storage.m -> bot.web.app",
        "bot.storage.m -> handlers.privacy",
    ]


def test_the_runtime_may_import_the_core_and_its_libraries(tmp_path: Path) -> None:
    root = plant(tmp_path, {"bot/m.py": "import aiohttp\nfrom handlers import dispatch\n"})
    assert breaks(import_graph(root)[1]) == []
