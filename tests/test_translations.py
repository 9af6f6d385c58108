"""Every Dutch text the code and templates show has an English translation, with the same placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


def test_flash_messages_and_service_errors_go_through_babel():
    """A flash or a domain error with a bare Dutch literal would escape extraction."""
    bare = re.compile(
        r"\b(flash|NotFound|PermissionDenied|ValidationFailed|InvalidTransition|Conflict|Unauthenticated)"
        r"\(\s*f?\""
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "registry").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bare.search(line)
    ]
    assert found == []
