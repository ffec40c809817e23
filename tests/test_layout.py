"""Imports run one way: monographs <- reviews <- public, and demo uses both.

The medical domain (monographs) knows nothing of review, the public site or the demo;
review knows nothing of the public site or the demo; the public site reads publications,
never the working copy, so it imports nothing from monographs.models (monographs'
presentation and page kinds are fine). Migrations are generated and left out. Imports
inside functions count as much as those at the top of a file.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imports_in(source, module, filename="<source>"):
    """(line, dotted name) for every import in `source`, the code of `module`; relative imports made absolute.

    `from x import y` counts as importing x and x.y, since y may be a module.
    """
    package = module.split(".")[:-1]  # for a package's __init__, `module` ends in "__init__"
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            imported = ".".join([*base, *([node.module] if node.module else [])])
            yield node.lineno, imported
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{imported}.{alias.name}"


def python_files(app):
    return sorted(path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.relative_to(ROOT).parts)


def offenders(app, forbidden):
    """'file:line imports module' for every import, under `app`, of a module in or under one of `forbidden`."""
    found = set()
    for path in python_files(app):
        relative = path.relative_to(ROOT)
        module = ".".join(relative.with_suffix("").parts)
        for line, imported in imports_in(path.read_text(encoding="utf-8"), module, str(relative)):
            if any(imported == name or imported.startswith(f"{name}.") for name in forbidden):
                found.add((str(relative), line, imported))
    return [f"{file}:{line} imports {imported}" for file, line, imported in sorted(found)]


@pytest.mark.parametrize(
    "app, forbidden",
    [
        ("monographs", ("reviews", "public", "demo")),
        ("reviews", ("public", "demo")),
        ("public", ("monographs.models",)),
    ],
    ids=[
        "monographs-imports-no-reviews-public-or-demo",
        "reviews-imports-no-public-or-demo",
        "public-imports-no-models",
    ],
)
def test_imports_run_one_way(app, forbidden):
    assert python_files(app), f"no Python files under {app}/"
    assert offenders(app, forbidden) == []


def test_every_way_of_writing_an_import_is_read():
    """The reader itself: absolute, dotted, from-, relative and in-function imports, with their lines."""
    source = "\n".join(
        [
            "import reviews",
            "import public.views as views",
            "from demo.loader import load",
            "from monographs import models",
            "from .. import workflow",
            "from ..models import Page",
            "from . import data",
            "def later():",
            "    from reviews.models import SignOff",
        ]
    )
    found = list(imports_in(source, "reviews.admin.pages"))
    assert (1, "reviews") in found
    assert (2, "public.views") in found
    assert (3, "demo.loader") in found
    assert (4, "monographs.models") in found
    assert (5, "reviews.workflow") in found
    assert (6, "reviews.models") in found
    assert (7, "reviews.admin.data") in found
    assert (9, "reviews.models") in found
    # In a package's __init__, "." is the package itself.
    in_package = {name for _, name in imports_in("from . import data", "monographs.admin.__init__")}
    assert "monographs.admin.data" in in_package
