"""Every message a domain error carries is a marked message id (``N_("...")``) that the
translation template holds, with every placeholder given a value: a new error cannot
slip in untranslated, or fail to format."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from mapapp.errors import N_, InvalidInput, MapappError

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mapapp"
TEMPLATE = PACKAGE / "translations" / "messages.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _marked(node: ast.expr | None) -> str | None:
    """The message id of ``N_("literal")``, else None."""
    if (
        isinstance(node, ast.Call)
        and _name(node.func) == "N_"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def _message_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "msgid"), None)


def _keywords(call: ast.Call) -> tuple[set[str], bool]:
    """The names given as values, and whether ``**values`` passes on others as well."""
    return {k.arg for k in call.keywords if k.arg}, any(k.arg is None for k in call.keywords)


def _error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """mapapp.errors's classes and every class derived from one of them in the sources."""
    classes = {"MapappError", *(c.__name__ for c in MapappError.__subclasses__())}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in classes
                    and any(_name(b) in classes for b in node.bases)
                ):
                    classes.add(node.name)
                    grew = True
    return classes


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing(node: ast.AST, parents) -> ast.AST | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            return node
    return None


def problems_in(sources: dict[str, str]) -> tuple[list[Problem], set[str]]:
    """What is wrong with the error messages of these sources, and every marked id."""
    trees = {path: ast.parse(text) for path, text in sources.items()}
    classes = _error_classes(trees)
    found: list[Problem] = []
    msgids: set[str] = set()
    # Functions that take a marked message as a parameter and raise with it (e.g. a
    # parser's "what it should have been"): name -> (parameter, its index, values given).
    relays: dict[str, tuple[str, int, set[str]]] = {}
    functions: dict[str, ast.FunctionDef] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) == "N_":
                msgid = _marked(node)
                if msgid is not None:
                    msgids.add(msgid)
            if isinstance(node, ast.FunctionDef):
                functions[node.name] = node
    for path, tree in trees.items():
        parents = _parents(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = _name(node.func)
            owner = _enclosing(node, parents)
            is_super_init = (
                callee == "__init__"
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Call)
                and _name(node.func.value.func) == "super"
                and isinstance(_enclosing(owner, parents), ast.ClassDef)
                and _enclosing(owner, parents).name in classes
                and _enclosing(owner, parents).name != "MapappError"
            )
            if callee not in classes and not is_super_init:
                continue
            where = f"{path}:{node.lineno}"
            argument = _message_argument(node)
            if argument is None:
                continue  # a class with its own __init__, checked at its super() call
            msgid = _marked(argument)
            given, passed_on = _keywords(node)
            if msgid is not None:
                wanted = set(PLACEHOLDER.findall(msgid))
                if not passed_on and not wanted <= given:
                    found.append(Problem(where, f"{msgid!r} lacks {sorted(wanted - given)}"))
                continue
            function = owner if isinstance(owner, ast.FunctionDef) else None
            parameters = [a.arg for a in function.args.args] if function else []
            if isinstance(argument, ast.Name) and argument.id in parameters:
                relays[function.name] = (argument.id, parameters.index(argument.id), given)
                continue
            found.append(Problem(where, 'the message is not N_("...") (nor a relayed one)'))
    found.extend(_relayed_problems(trees, relays, functions))
    return found, msgids


def _relayed_problems(trees, relays, functions) -> list[Problem]:
    """Every call of a relaying function passes N_("...") (or leaves a marked default)."""
    found = []
    for name, (parameter, index, inner) in relays.items():
        function = functions[name]
        defaults = (
            dict(
                zip(
                    [a.arg for a in function.args.args][-len(function.args.defaults) :],
                    function.args.defaults,
                    strict=True,
                )
            )
            if function.args.defaults
            else {}
        )
        for path, tree in trees.items():
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and _name(node.func) == name):
                    continue
                where = f"{path}:{node.lineno}"
                if len(node.args) > index:
                    argument = node.args[index]
                else:
                    argument = next(
                        (k.value for k in node.keywords if k.arg == parameter),
                        defaults.get(parameter),
                    )
                msgid = _marked(argument)
                if msgid is None:
                    found.append(Problem(where, f"{name}() is given a message that is not N_()"))
                    continue
                given, passed_on = _keywords(node)
                names = inner | given
                wanted = set(PLACEHOLDER.findall(msgid))
                if not passed_on and not wanted <= names:
                    found.append(Problem(where, f"{msgid!r} lacks {sorted(wanted - names)}"))
    return found


def _package_sources() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_domain_error_carries_a_marked_message_with_its_values():
    found, _ = problems_in(_package_sources())
    assert not found, "\n".join(map(str, found))


def test_every_marked_message_is_in_the_translation_template():
    _, msgids = problems_in(_package_sources())
    with open(TEMPLATE, "rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    missing = sorted(msgids - template)
    assert not missing, f"run `make messages` and translate: {missing}"
    assert len(msgids) > 80  # the scan does find the core's messages


def test_the_scan_catches_unmarked_messages_and_missing_values():
    source = """
from mapapp.errors import InvalidInput, NotFound, N_

class Special(InvalidInput):
    def __init__(self):
        super().__init__("plain text")

def parse(raw, name, message=N_("%(value)s is not a thing")):
    if not raw:
        raise InvalidInput(f"{name} is required", parameter=name)
    if raw == "?":
        raise NotFound(N_("no %(what)s here"), where=raw)
    raise InvalidInput(message, parameter=name, value=raw)

def relay_ok(raw):
    return parse(raw, "x", N_("%(value)s is not a site"))

def relay_bad(raw):
    return parse(raw, "x", "is not a site")
"""
    found, msgids = problems_in({"example.py": source})
    lines = sorted((p.where, p.what.split(" ")[0]) for p in found)
    assert lines == [
        ("example.py:10", "the"),  # an f-string
        ("example.py:12", "'no"),  # %(what)s has no value
        ("example.py:19", "parse()"),  # a relayed message that is not marked
        ("example.py:6", "the"),  # a subclass's own message
    ], found
    assert msgids == {"%(value)s is not a thing", "no %(what)s here", "%(value)s is not a site"}


def test_the_english_text_is_the_message_id_with_its_values():
    error = InvalidInput(N_("%(name)s must be 0 or 1"), parameter="round_trip", name="round_trip")
    assert (error.message, str(error), error.parameter) == (
        "round_trip must be 0 or 1",
        "round_trip must be 0 or 1",
        "round_trip",
    )
    assert (error.msgid, error.values, error.code) == (
        "%(name)s must be 0 or 1",
        {"name": "round_trip"},
        "invalid_input",
    )
    assert InvalidInput(N_("bbox values must be 100% numbers")).message == (
        "bbox values must be 100% numbers"  # no values: no formatting
    )
