"""The project's layout, read from its source: floors, imports, sizes, names and app shapes.

The apps are floors, each importing only itself and the floors below it::

    core < reference < aircraft < patrols < curation < explorer < bench

``core`` holds the domain-free bases: it defines no concrete model and imports no project app.
``config`` (settings, URLs) and the tests may import anything. The import rules read the source
with ``ast`` rather than importing it, so an import inside a function counts as much as one at the
top of a module. The rules on models also ask Django's app registry.
"""

import ast
import graphlib
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]

FLOORS = ("core", "reference", "aircraft", "patrols", "curation", "explorer", "bench")  # upward
PROJECT_PACKAGES = (*FLOORS, "config", "tests")  # config, tests: no floor rule
DOMAIN_APPS = ("reference", "aircraft", "patrols")
DOMAIN_APP_SHAPE = (
    "apps.py",
    "models.py",
    "services.py",
    "admin.py",
    "filters.py",
    "resources.py",
    "api/serializers.py",
    "api/views.py",
    "api/urls.py",
    "migrations/",
    "data/",
)
MODEL_APPS = ("core", "reference", "aircraft", "patrols", "curation")
MAX_LINES = 400


# --- Reading the source -------------------------------------------------------------------------


def find_modules():
    """Every project module, by dotted name: the packages' files and the scripts at the root."""
    found = {path.stem: path for path in ROOT.glob("*.py")}
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return dict(sorted(found.items()))


MODULES = find_modules()


def top(name):
    return name.partition(".")[0]


def is_migration(name):
    return "migrations" in name.split(".")


def floor_of(name):
    """The floor of a project module, counted from ``core`` (0); None outside the floors."""
    return FLOORS.index(top(name)) if top(name) in FLOORS else None


@cache
def parsed(name):
    return ast.parse(MODULES[name].read_text(encoding="utf-8"), filename=str(MODULES[name]))


def imports_in(tree, name, is_package=False):
    """``(imported name, line)`` for every import in ``tree`` (module ``name``), at any depth,
    made absolute. ``from a import b`` yields ``a.b`` (``b`` may be a module or a name in ``a``).
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([base] if base else [])])
            for alias in node.names:
                yield (base if alias.name == "*" else f"{base}.{alias.name}"), node.lineno


def imports(name):
    return imports_in(parsed(name), name, is_package=MODULES[name].name == "__init__.py")


def project_imports(name):
    """``(imported name, line)`` for each import of a project package (existing or not)."""
    return [(target, line) for target, line in imports(name) if top(target) in PROJECT_PACKAGES]


def resolve(target):
    """The project module an imported name lives in: the name itself or its nearest parent."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def import_graph():
    """Each project module with the project modules it imports.

    A module's own parent packages are left out: ``x.y.z`` importing from ``x.y`` is what
    Python does anyway when it loads ``x.y.z``.
    """
    graph = {}
    for name in MODULES:
        graph[name] = {}
        for target, line in project_imports(name):
            module = resolve(target)
            if module and module != name and not name.startswith(f"{module}."):
                graph[name].setdefault(module, line)
    return graph


def over_modules(names):
    return pytest.mark.parametrize("module", names, ids=str)


# --- core is domain-free ------------------------------------------------------------------------


CORE_MODULES = [name for name in MODULES if top(name) == "core"]


def base_names(class_node):
    """The names a class's bases go by: ``models.Model`` -> ``Model``."""
    return {
        base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
        for base in class_node.bases
    }


def core_model_classes():
    """``(module, class)`` for each class under core/ deriving from ``models.Model``.

    A class is a model if one of its bases is named ``Model`` or is itself a model class of
    core (``class Stamped(TimeStampedModel)``).
    """
    classes = {
        node.name: (name, node)
        for name in CORE_MODULES
        for node in ast.walk(parsed(name))
        if isinstance(node, ast.ClassDef)
    }
    models = {"Model"}
    while grown := {
        class_name
        for class_name, (_, node) in classes.items()
        if class_name not in models and base_names(node) & models
    }:
        models |= grown
    return [classes[class_name] for class_name in sorted(models - {"Model"})]


def declares_abstract(class_node):
    """Whether the class body holds ``class Meta: abstract = True``."""
    for meta in class_node.body:
        if isinstance(meta, ast.ClassDef) and meta.name == "Meta":
            for statement in meta.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(getattr(t, "id", None) == "abstract" for t in statement.targets)
                    and isinstance(statement.value, ast.Constant)
                    and statement.value.value is True
                ):
                    return True
    return False


@pytest.mark.parametrize(
    ("module", "class_node"),
    core_model_classes(),
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_every_model_class_in_core_is_abstract(module, class_node):
    assert declares_abstract(class_node), (
        f"{module}.{class_node.name} (line {class_node.lineno}) is a concrete model: core "
        "holds bases only; give it `class Meta: abstract = True` or move it to a domain app"
    )


def test_django_registers_no_model_from_core():
    concrete = [model._meta.label for model in apps.get_models() if top(model.__module__) == "core"]
    assert concrete == [], f"concrete models defined in core: {concrete}"


@over_modules(CORE_MODULES)
def test_core_imports_no_project_app(module):
    wrong = [
        f"line {line}: {target}"
        for target, line in project_imports(module)
        if top(target) != "core"
    ]
    assert not wrong, f"{module} imports project apps (core must stay domain-free): {wrong}"


# --- Floors import only themselves and the floors below -----------------------------------------


FLOOR_MODULES = [name for name in MODULES if floor_of(name) is not None]


@over_modules(FLOOR_MODULES)
def test_a_module_imports_only_its_own_floor_and_the_floors_below(module):
    """Migrations are held to the same rule; they may import ``core`` (every floor may)."""
    floor = floor_of(module)
    wrong = [
        f"line {line}: {target}"
        for target, line in project_imports(module)
        if floor_of(target) is None or floor_of(target) > floor
    ]
    assert not wrong, (
        f"{module} (floor {top(module)}) imports above its floor: {wrong}; "
        f"the floors, bottom to top: {' < '.join(FLOORS)}"
    )


def test_no_import_cycle_among_project_modules():
    """Imports inside functions count too: made lazy, a cycle is hidden, not gone."""
    graph = import_graph()
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        # graphlib lists each module before the one importing it; read it the other way round.
        cycle = error.args[1][::-1]
        steps = [
            f"{importer} imports {imported} (line {graph[importer][imported]})"
            for importer, imported in zip(cycle, cycle[1:], strict=False)
        ]
        pytest.fail("import cycle: " + " -> ".join(cycle) + "\n" + "\n".join(steps))


def test_imports_are_read_at_any_depth_and_made_absolute():
    """A check on the checker itself, on a made-up module ``reference.api.views``."""
    source = """
from . import serializers
from ..models import Country
import patrols.models


def later():
    from aircraft.models import AircraftType
"""
    found = set(imports_in(ast.parse(source), "reference.api.views"))

    assert found == {
        ("reference.api.serializers", 2),
        ("reference.models.Country", 3),
        ("patrols.models", 4),
        ("aircraft.models.AircraftType", 8),
    }
    assert set(imports_in(ast.parse("from . import views"), "reference.api", is_package=True)) == {
        ("reference.api.views", 1)
    }


# --- Sizes --------------------------------------------------------------------------------------


HAND_WRITTEN = [name for name in MODULES if not is_migration(name)]


@over_modules(HAND_WRITTEN)
def test_no_hand_written_module_is_over_400_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{MODULES[module].relative_to(ROOT)} has {lines} lines (at most {MAX_LINES}): split it "
        "by concern"
    )


# --- Names in the database ----------------------------------------------------------------------


PROJECT_MODELS = sorted(
    (
        model
        for model in apps.get_models()
        if model._meta.app_label in MODEL_APPS and not model.__name__.startswith("Historical")
    ),
    key=lambda model: model._meta.label,
)


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda model: model._meta.label)
def test_every_constraint_and_index_name_starts_with_its_app_and_model(model):
    """So a name says whose it is in an error message or a migration, and never collides.
    (Historical models are left out: django-simple-history names their indexes.)"""
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    names = [constraint.name for constraint in model._meta.constraints]
    names += [index.name for index in model._meta.indexes]

    wrong = [name for name in names if not name.startswith(prefix)]

    assert not wrong, f"{model._meta.label}: names not starting with {prefix!r}: {wrong}"


# --- Domain apps share one shape ----------------------------------------------------------------


@pytest.mark.parametrize("part", DOMAIN_APP_SHAPE)
@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_domain_app_has_the_same_shape(app, part):
    path = ROOT / app / part
    if part.endswith("/"):
        assert path.is_dir(), f"{app}/{part} is missing"
    else:
        assert path.is_file(), f"{app}/{part} is missing"
