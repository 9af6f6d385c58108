"""Every Dutch text the code and templates show has an English translation, with the same placeholders."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "registry" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _extract(tmp_path: Path):
    """The catalogue as `pybabel extract` makes it from today's code (as the README's workflow does)."""
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "_l", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as file:
        return read_po(file)


def test_every_message_has_an_english_translation(tmp_path):
    with ENGLISH.open("rb") as file:
        english = read_po(file)
    missing, mismatched = [], []
    for message in _extract(tmp_path):
        if not message.id:
            continue
        translated = english.get(message.id, message.context)
        if translated is None or not translated.string or translated.fuzzy:
            missing.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        for original, text in zip(ids, strings, strict=False):
            if sorted(PLACEHOLDER.findall(original)) != sorted(PLACEHOLDER.findall(text)):
                mismatched.append(original)
    assert missing == [], f"{len(missing)} messages without English; run pybabel extract/update and translate"
    assert mismatched == []


# Calls whose message reaches a person, and which argument carries it. A bare literal there escapes
# extraction (and so the English catalogue); so does one among the ``fields={...}`` messages.
MESSAGE_ARGUMENT = {
    name: 0
    for name in (
        "ValidationFailed",
        "UnreadableFile",
        "FeedError",
        "ImportFileError",
        "Conflict",
        "PermissionDenied",
        "InvalidTransition",
        "NotFound",
        "Unauthenticated",
        "flash",
        "unit_of_work",  # its conflict message
        "RowError",  # the course import's refusal of one row
        "_Refused",  # an EDU-DEX program the import cannot map
        "refuse",  # the staff import's report on one row
    )
} | {"RefusedRow": 2}  # (line, code, reason)
MESSAGE_KEYWORDS = {"message", "reason", "conflict_message", "problem"}
GETTEXT = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext"}


def _called(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _bare(node: ast.AST) -> bool:
    """Text written into the code rather than taken from the catalogue: a literal, an f-string, or one
    glued or formatted into another."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _bare(node.func.value)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(_bare(element) for element in node.elts)
    return False


def untranslated_messages(source: str) -> list[tuple[int, str]]:
    """(line, call) of every message-carrying call in ``source`` whose message is bare, and of every
    gettext call whose text is not one plain literal (an f-string inside ``_()`` is never found)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = _called(node)
        if called in GETTEXT:
            if node.args and not (
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
            ):
                found.append((node.lineno, ast.unparse(node)[:100]))
            continue
        if called not in MESSAGE_ARGUMENT:
            continue
        at = MESSAGE_ARGUMENT[called]
        messages = node.args[at : at + 1] + [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
        for keyword in node.keywords:
            if keyword.arg == "fields" and isinstance(keyword.value, ast.Dict):
                messages += keyword.value.values
        if any(_bare(message) for message in messages):
            found.append((node.lineno, ast.unparse(node)[:100]))
    return found


def test_messages_people_see_go_through_babel():
    """Every domain error, file and row refusal, and flash names its text through ``_()``/``_l()``."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {call}"
        for path in sorted((ROOT / "registry").rglob("*.py"))
        for line, call in untranslated_messages(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'raise ValidationFailed("Vul iets in.")',
        'raise errors.NotFound(\n    f"Regel {line} ontbreekt."\n)',
        'raise UnreadableFile("Ontbreekt: " + ", ".join(missing))',
        'raise ValidationFailed(_("Fout."), fields={"email": ["ongeldig"]})',
        'raise Conflict(message="Gewijzigd.")',
        'row.refuse(f"onbekende functie {name}")',
        'refused.append(RefusedRow(line, code, "Dubbel."))',
        'flash("Opgeslagen.")',
        'with unit_of_work("Gewijzigd."):\n    pass',
        'raise RowError("{}: fout".format(header))',
        'message = _(f"Regel {line}")',
        'message = _("Regel " + str(line))',
    ],
)
def test_the_check_finds_a_bare_message_in_any_form(source):
    assert len(untranslated_messages(source)) == 1


def test_the_check_passes_translated_messages():
    source = """
raise ValidationFailed(_("Regel %(line)s.", line=line), fields={key: [_("dubbel")], "x": error.fields})
raise UnreadableFile(str(error))
row.refuse(_l("ontbreekt"))
refused.append(RefusedRow(line, code, reason(error)))
flash(_("Opgeslagen."), "success")
"""
    assert untranslated_messages(source) == []
