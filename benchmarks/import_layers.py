"""Measure the shape of `dashboard/`: import depth, imports that point up, long files.

Run from the repository root: `python benchmarks/import_layers.py [--list] [--root DIR]`
(`--root`: another checkout, e.g. an older commit unpacked with `git archive`). It reads the
source as text (ast), so it needs no database and imports nothing. What it prints:

- layers: the longest chain of imports between dashboard modules (each module counted once;
  a chain of A -> B -> C is 3 layers deep). Imports inside functions count: they are
  dependencies all the same. Imports under `if TYPE_CHECKING:` do not.
- floors: the same chain with each sub-package of dashboard/ (web, shell, panels, ...) as one
  node and each module at the top of dashboard/ as its own: how many floors the package has.
- upward imports: a module importing one that stands above it, by the concerns below.
- cycles: groups of modules that import each other.
- files over 300 lines, and the longest.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dashboard"
MAX_LINES = 300

# Concerns from the bottom up: a module may import its own concern or any below it. The
# flat names of the old layout are placed by the concern they belong to, so the numbers before
# and after the move are measured against the same picture.
LAYERS = (
    ("base", ("dashboard.settings",)),
    # The package's __init__ holds (or, after the move, re-exports) the product's name only.
    ("i18n", ("dashboard", "dashboard.i18n", "dashboard.language", "dashboard.sentences",
              "dashboard.plotly_locale", "dashboard.grid_locale")),
    ("figures", ("dashboard.figures",)),
    ("web", ("dashboard.web", "dashboard.server_setup", "dashboard.callback_registry",
             "dashboard.context", "dashboard.page_cache", "dashboard.api")),
    ("panels", ("dashboard.panels", "dashboard.page_builder", "dashboard.panel_view",
                "dashboard.kpis", "dashboard.mission_map", "dashboard.indicator_list")),
    ("exports", ("dashboard.exports", "dashboard.export_request", "dashboard.export_routes",
                 "dashboard.export_jobs", "dashboard.export_controls", "dashboard.downloads",
                 "dashboard.background_priority")),
    ("shell", ("dashboard.shell", "dashboard.layout", "dashboard.filterbar",
               "dashboard.language_switch", "dashboard.notices", "dashboard.callbacks")),
    ("pages", ("dashboard.pages",)),
    ("app", ("dashboard.app", "dashboard.wsgi", "dashboard.cli", "dashboard.cli_query",
             "dashboard.worker")),
)


def layer_of(module: str) -> int:
    """The index of the concern a module belongs to: the longest matching prefix wins."""
    best, best_length = 0, -1
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for body in node.body for child in ast.walk(body))
    return skipped


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The dashboard modules a file imports (a `from package import module` names the module)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    found.add(f"{base}.{alias.name}")
                elif base in modules:
                    found.add(base)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports_of(path, set(files)) for name, path in files.items()}


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative enough for a few dozen modules."""
    index, low, stack, on_stack, groups, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    sys.setrecursionlimit(10_000)
    for node in edges:
        if node not in index:
            visit(node)
    return groups


def longest_chain(edges: dict[str, set[str]]) -> list[str]:
    """The longest import chain, each group of modules that import each other counted once."""
    groups = strongly_connected(edges)
    group_of = {member: number for number, group in enumerate(groups) for member in group}
    memo: dict[int, list[int]] = {}

    def deepest(group: int) -> list[int]:
        if group not in memo:
            below = {group_of[other] for member in groups[group] for other in edges[member]}
            below.discard(group)
            tails = [deepest(other) for other in below]
            memo[group] = [group, *max(tails, key=len, default=[])]
        return memo[group]

    chain = max((deepest(group) for group in range(len(groups))), key=len)
    return [" + ".join(sorted(groups[group])) for group in chain]


def unit_of(module: str) -> str:
    """The floor a module stands on: its sub-package of dashboard/, or itself at the top."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (PACKAGE / parts[-1]).is_dir() else module


def package_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """The import graph with each sub-package of dashboard/ as one node."""
    units: dict[str, set[str]] = {}
    for importer, targets in edges.items():
        units.setdefault(unit_of(importer), set()).update(unit_of(t) for t in targets)
    for unit, targets in units.items():
        targets.discard(unit)
    return units


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="also list every module's lines")
    parser.add_argument("--root", type=Path, help="the checkout to measure (default: this one)")
    arguments = parser.parse_args(argv)
    if arguments.root:
        global ROOT, PACKAGE
        ROOT = arguments.root.resolve()
        PACKAGE = ROOT / "dashboard"
    edges = graph()
    upward = sorted((importer, imported) for importer, targets in edges.items()
                    for imported in targets if layer_of(imported) > layer_of(importer))
    cycles = [group for group in strongly_connected(edges) if len(group) > 1]
    chain = longest_chain(edges)
    lengths = {name: len((PACKAGE.parent / (name.replace(".", "/"))).with_suffix(".py")
                         .read_text(encoding="utf-8").splitlines())
               if (PACKAGE.parent / name.replace(".", "/")).with_suffix(".py").exists()
               else len((PACKAGE.parent / name.replace(".", "/") / "__init__.py")
                        .read_text(encoding="utf-8").splitlines())
               for name in edges}
    top_level = sorted(path.name for path in PACKAGE.glob("*.py"))
    print(f"modules: {len(edges)} ({len(top_level)} files at the top of dashboard/)")
    print(f"layers (longest import chain): {len(chain)}")
    print("  " + " -> ".join(chain))
    packages = package_graph(edges)
    floors = longest_chain(packages)
    print(f"floors (longest chain, a sub-package counted as one): {len(floors)}")
    print("  " + " -> ".join(floors))
    tangles = [group for group in strongly_connected(packages) if len(group) > 1]
    print(f"sub-packages and top modules that import each other (counted as one floor): "
          f"{len(tangles)}")
    for group in tangles:
        print("  " + ", ".join(sorted(group)))
    print(f"upward imports: {len(upward)}")
    for importer, imported in upward:
        print(f"  {importer} ({LAYERS[layer_of(importer)][0]}) -> {imported} "
              f"({LAYERS[layer_of(imported)][0]})")
    print(f"import cycles: {len(cycles)}")
    for group in cycles:
        print("  " + ", ".join(sorted(group)))
    longest = max(lengths, key=lengths.get)
    over = sorted((name for name, count in lengths.items() if count > MAX_LINES),
                  key=lengths.get, reverse=True)
    print(f"longest file: {longest} ({lengths[longest]} lines); over {MAX_LINES} lines: "
          f"{len(over)}")
    for name in over:
        print(f"  {name}: {lengths[name]}")
    unused = sorted(name for name in edges if name.count(".") > 1
                    and not any(name in targets for targets in edges.values())
                    and not name.startswith("dashboard.pages."))
    print(f"modules no dashboard module imports (pages excepted): {len(unused)}")
    for name in unused:
        print(f"  {name}")
    if arguments.list:
        for name in sorted(edges):
            print(f"{lengths[name]:5d}  {name}  [{LAYERS[layer_of(name)][0]}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
