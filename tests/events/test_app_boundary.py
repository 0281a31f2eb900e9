"""The events app builds on the content app, never the other way round at import time.

``cms`` (content pages) may show events (the home page's "upcoming", a collaboration's items)
but imports ``events`` only inside the functions that need it, so loading ``cms`` never loads
``events`` and the two cannot import each other in a circle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_level_imports(path):
    """The modules a file imports at its top level (not inside functions or classes)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_cms_never_imports_events_at_module_level():
    offenders = {
        str(path.relative_to(ROOT)): name
        for path in sorted((ROOT / "cms").rglob("*.py"))
        for name in module_level_imports(path)
        if name == "events" or name.startswith("events.")
    }
    assert not offenders, offenders
