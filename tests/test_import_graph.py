"""No import cycles between the project's modules, and every module imports on its own.

The graph holds the imports a module runs when it is imported: those at module level (in
class bodies and module-level ``try``/``if`` too), not those inside functions and not those
under ``if TYPE_CHECKING:``. An import names its edge: ``from a.b import c`` is an edge to the
module ``a.b.c`` if there is one, else to ``a.b`` (the packages ``a`` and ``a.b`` run first, but
Django imports every app's models at start-up, so a package's ``__init__`` is never the first
thing imported). A cycle is a strongly connected component of more than one module
(or a module importing itself). The rule that keeps services and tasks out of cycles: a service
module imports its task module at the top; a task module imports services inside the task.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PROJECT = {"tests", "node_modules", "static", "templates", "locale", "deploy", "scripts"}

# Cycles known and owned elsewhere, each a set of modules. Empty this list when they are gone:
# ``test_known_cycles_still_exist`` fails once an entry no longer matches a cycle.
KNOWN_CYCLES = []


def project_packages():
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir()
        and (path / "__init__.py").exists()
        and path.name not in NOT_PROJECT
        and not path.name.startswith(".")
    )


def project_modules():
    """{module name: path} for every Python file in the project's packages."""
    modules = {}
    for package in project_packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree):
    """The Import and ImportFrom nodes that run when the module is imported."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        pending.extend(ast.iter_child_nodes(node))


def import_graph(modules=None):
    """{module: {project modules it imports at module level}}."""
    modules = project_modules() if modules is None else modules
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in _module_level_imports(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                targets.add(submodule if submodule in modules else source)
        graph[name] = {target for target in targets if target in modules}
    return graph


def cycles(graph):
    """The strongly connected components with a cycle (Tarjan), each a sorted list."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(start):
        # Iterative, so a deep import chain does not hit the recursion limit.
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
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
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def _known(component):
    return any(set(component) <= set(known) for known in KNOWN_CYCLES)


def test_the_graph_sees_module_level_imports_only():
    graph = import_graph()
    assert "community.viewer" in graph["community.views.discussions"]  # from ..viewer import Viewer
    assert "community.notifications" not in graph["community.tasks"]  # imported inside the task


def test_no_import_cycles_between_project_modules():
    unexpected = [component for component in cycles(import_graph()) if not _known(component)]
    assert not unexpected, "Import cycles (each line one strongly connected component):\n" + "\n".join(
        " <-> ".join(component) for component in unexpected
    )


def test_known_cycles_still_exist():
    """An allow-list entry that matches no cycle any more is stale: remove it."""
    found = cycles(import_graph())
    stale = [known for known in KNOWN_CYCLES if not any(set(component) <= set(known) for component in found)]
    assert not stale, f"No longer cycles, remove from KNOWN_CYCLES: {stale}"


IMPORT_EACH = """
import importlib, json, sys, traceback
import django
django.setup()
failures = []
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as error:
        failures.append([name, f"{type(error).__name__}: {error}", traceback.format_exc(limit=-3)])
print(json.dumps(failures))
"""


def _importable_alone(name):
    # Settings modules are chosen by DJANGO_SETTINGS_MODULE, not imported next to another one
    # (production refuses to load without its environment).
    return not name.startswith("kennisplatform.settings.")


def test_every_project_module_imports_after_django_setup():
    """In a fresh interpreter (nothing imported yet but what django.setup() loads), each
    module imports: no module depends on another having been imported first."""
    names = [name for name in project_modules() if _importable_alone(name)]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.dev"),
    }
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, json.dumps(names)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert not failures, "Modules that do not import:\n" + "\n".join(
        f"{name}: {error}\n{trace}" for name, error, trace in failures
    )
