"""Every page action has an API equivalent: each service function a page view calls is called
by an API operation too, or the README's "What stays on the pages" list says why not.

The calls are read from the source (the views' and API modules' imports and calls), so a new
page action with no operation and no reason fails here.
"""

import ast
import importlib
import pathlib
import re

import marketplace

PACKAGE = pathlib.Path(marketplace.__file__).parent
README = PACKAGE.parent / "README.md"
SECTION = "### What stays on the pages"
# Modules a view uses that hold no domain action: forms, models, labels, the web helpers...
NOT_SERVICES = {"web", "forms", "i18n", "extensions", "errors", "labels", "models", "ratelimit", "security"}


def service_calls(path):
    """{"package.module.function"} of the domain functions the module at path calls."""
    tree = ast.parse(path.read_text())
    package = f"marketplace.{path.parent.name}"
    modules, functions = {}, {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package if node.level == 1 else "marketplace"
            target = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                try:
                    importlib.import_module(f"{target}.{alias.name}")
                    modules[alias.asname or alias.name] = f"{target}.{alias.name}"
                except ImportError:
                    functions[alias.asname or alias.name] = f"{target}.{alias.name}"
    called = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in modules:
            called.add(f"{modules[node.func.value.id]}.{node.func.attr}")
        elif isinstance(node.func, ast.Name) and node.func.id in functions:
            called.add(functions[node.func.id])
    return {name for name in called if _is_service(name)}


def _is_service(name):
    module, _, function = name.rpartition(".")
    last = module.rpartition(".")[2]
    return last not in NOT_SERVICES and not last.endswith("views") and not last.endswith("api") \
        and not function[0].isupper()


def calls_of(pattern):
    found = set()
    for path in sorted(PACKAGE.glob(f"*/{pattern}")):
        found |= service_calls(path)
    return found


def stays_on_the_pages():
    """{"module.function": reason} from the README's list."""
    text = README.read_text()
    assert SECTION in text, f"the README has no {SECTION!r} section"
    section = text.split(SECTION, 1)[1].split("\n#", 1)[0]
    return dict(re.findall(r"^- `([\w.]+)`: (.+)$", section, flags=re.MULTILINE))


def test_the_reader_finds_the_calls_of_a_known_view():
    calls = service_calls(PACKAGE / "exchange" / "views.py")
    assert {"marketplace.exchange.services.accept_exchange", "marketplace.exchange.services.propose_exchange"} <= calls
    assert not any(name.startswith("marketplace.exchange.forms.") for name in calls)


def test_every_service_a_page_calls_has_an_operation_or_a_reason():
    pages, api, reasons = calls_of("*views.py"), calls_of("*api.py"), stays_on_the_pages()
    missing = sorted(pages - api - {f"marketplace.{name}" for name in reasons})
    assert missing == [], "page actions with no API operation and no reason in the README"


def test_the_readme_lists_only_what_the_api_really_leaves_out():
    pages, api = calls_of("*views.py"), calls_of("*api.py")
    listed = {f"marketplace.{name}" for name in stays_on_the_pages()}
    assert sorted(listed - pages) == [], "README entries no page calls"
    assert sorted(listed & api) == [], "README entries the API does call"
