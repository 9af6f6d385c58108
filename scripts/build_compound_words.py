#!/usr/bin/env python3
"""Derive registry/search/compound_words.txt, the parts the compound splitter may cut words into.

Source: the OpenTaal Dutch word list as Debian's ``wdutch`` package installs it
(/usr/share/dict/dutch; OpenTaal, BSD or CC BY 3.0, see /usr/share/doc/wdutch/copyright), plus the
registry's own vocabulary (topic, role and age group names of the reference data).

A word of the list is kept when it is *productive*: it is the head or the first part of at least
``MIN_COMPOUNDS`` other words of the list (``kind`` in "kindermishandeling", "kinderopvang", …).
That keeps the ~26,000 words a splitter needs out of ~350,000, and leaves out the inflected forms
and rare words that would cut real words into nonsense. Suffix-like heads ("heden", "baar") and
verb particles as first parts ("voor", "door") are dropped: they make derivations, not compounds.

    apt-get install wdutch && .venv/bin/python scripts/build_compound_words.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCE = Path("/usr/share/dict/dutch")
TARGET = ROOT / "registry" / "search" / "compound_words.txt"
MIN_PART = 4
MIN_COMPOUNDS = 2
LINKS = ("", "s", "e", "en", "er")
# Derivational endings that are also words: "vaardig|heden" is not a compound.
NOT_HEADS = {
    "aars",
    "achtig",
    "baar",
    "bare",
    "dom",
    "ende",
    "erij",
    "eren",
    "heden",
    "heid",
    "ieve",
    "ijke",
    "ing",
    "ingen",
    "ische",
    "isme",
    "lijk",
    "lijke",
    "ling",
    "lingen",
    "loos",
    "loze",
    "matig",
    "nissen",
    "sels",
    "schap",
    "ster",
    "sters",
    "tjes",
    "waardig",
    "ters",
    "eres",
    "ties",
    "aties",
    "ele",
    "elen",
    "isch",
    "ief",
    "eel",
    "ale",
    "iek",
    "ieken",
    "tief",
    "tieve",
    "ander",
    "stand",
}
# Particles and prefixes that make verbs and derivations rather than compounds.
NOT_MODIFIERS = {
    "aan",
    "achter",
    "door",
    "mede",
    "onder",
    "over",
    "samen",
    "tegen",
    "terug",
    "toe",
    "voor",
    "weer",
    "ver",
    "ont",
    "her",
    "uit",
    "mee",
    "bij",
    "weg",
    "open",
    "rond",
    "vast",
    "neer",
    "verder",
    "ander",
    "even",
    "boven",
    "binnen",
    "tussen",
    "elke",
    "elk",
    "alle",
    "geen",
    "niet",
    "veel",
}
# The registry's vocabulary that the general list lacks or does not see as productive.
SECTOR_WORDS = {
    "baby",
    "babys",
    "peuter",
    "dreumes",
    "kleuter",
    "zuigeling",
    "bso",
    "kdv",
    "vve",
    "ehbo",
    "bhv",
    "gastouder",
    "oppas",
    "pedagogisch",
    "pedagogische",
    "mentor",
    "coach",
    "coaching",
    "scholing",
    "opleiding",
    "training",
    "cursus",
    "module",
    "intervisie",
    "meldcode",
    "mishandeling",
    "ouder",
    "ouders",
    "natuur",
    "beleving",
    "achterstand",
    "achterstanden",
    "taal",
    "spel",
    "sport",
    "begeleiding",
    "begeleider",
    "praktijk",
    "preventie",
    "infectie",
    "hygiene",
    "veiligheid",
    "gezondheid",
    "ontwikkeling",
    "interactie",
    "vaardigheden",
    "leiding",
    "team",
    "locatie",
    "manager",
    "contact",
    "gesprek",
    "gesprekken",
    "observatie",
    "signalering",
    "verrijking",
    "werkplek",
    "leren",
    "beleid",
    "medewerker",
    "medewerkers",
    "ervaring",
    "activiteit",
    "activiteiten",
    "opvang",
    "zorg",
    "jeugd",
    "kind",
    "kinder",
    "buiten",
}


def registry_vocabulary() -> set[str]:
    """Words of the reference data's topic, role and age group names."""
    from registry.demo import content

    names = [name for _s, area, topics in content.TOPIC_AREAS for name in [area, *(n for _t, n in topics)]]
    names += [name for _slug, name in content.TARGET_ROLES]
    names += [name for _slug, name in content.AGE_GROUPS]
    found = set()
    for name in names:
        found.update(word for word in re.findall(r"[a-z]+", fold(name)) if len(word) >= MIN_PART)
    return found


def fold(text: str) -> str:
    from registry.search.analysis import fold as fold_word

    return fold_word(text)


def productive(words: set[str]) -> set[str]:
    """Words that are a part (head or first part, a linking element allowed) of other words."""
    as_head: Counter[str] = Counter()
    as_modifier: Counter[str] = Counter()
    for word in words:
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            modifier, head = word[:cut], word[cut:]
            if head not in words:
                continue
            for link in LINKS:
                stem = modifier[: len(modifier) - len(link)]
                if modifier.endswith(link) and len(stem) >= MIN_PART and stem in words:
                    as_head[head] += 1
                    as_modifier[stem] += 1
                    break
    return {
        word
        for word in words
        if (as_head[word] >= MIN_COMPOUNDS and word not in NOT_HEADS)
        or (as_modifier[word] >= MIN_COMPOUNDS and word not in NOT_MODIFIERS)
    }


def main() -> None:
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: apt-get install wdutch")
    listed = {
        fold(line.strip())
        for line in SOURCE.read_text(encoding="utf-8").splitlines()
        if re.fullmatch(r"[a-zà-ÿ]+", line.strip()) and len(line.strip()) >= MIN_PART
    }
    kept = (productive(listed) | registry_vocabulary() | SECTOR_WORDS) - NOT_MODIFIERS - NOT_HEADS
    header = [
        "# Parts the compound splitter may cut a word into; generated by scripts/build_compound_words.py.",
        "# Source: OpenTaal word list (Debian wdutch, /usr/share/dict/dutch), licence BSD or CC BY 3.0,",
        "# (c) OpenTaal; plus the registry's topic, role and age group vocabulary. Edit the script, not",
        "# this file: a change of this list changes the index, so run `flask search reindex` after it.",
    ]
    TARGET.write_text("\n".join(header + sorted(kept)) + "\n", encoding="utf-8")
    print(f"{len(kept)} words ({TARGET.stat().st_size / 1024:.0f} KB) from {len(listed)} in {SOURCE}")


if __name__ == "__main__":
    main()
