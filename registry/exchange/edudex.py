"""Read an EDU-DEX program feed (XML) as rows of the import template, so it takes the import's path.

EDU-DEX is the Dutch standard for exchanging training offers (https://www.edudex.nl, technical manual
https://edudex.presendata.nl/). A file holds one ``<program>`` (namespace
http://studieData.nl/schema/edudex/program), or several under one root element. Each program becomes one
row per ``programSchedule/programRun`` (or one row without a run), keyed by its own
``programClassification/programId``, which the registry keeps as the course's own code; what cannot be
mapped refuses the program's rows with the element named. README.md ("EDU-DEX") lists the mapping and
its sources.

The parser is expat, streaming, with every document type declaration refused, so neither entities
(billion laughs) nor external references (XXE) are ever expanded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any
from xml.parsers import expat

from flask_babel import gettext as _

from registry.catalogue.enums import DeliveryMode, Level
from registry.exchange.columns import REFUSAL
from registry.search.places import locate, place

MAX_DEPTH = 40
_CHUNK = 64 * 1024
_LEVELS = {
    "none": Level.NONE,
    "mbo niveau 2": Level.MBO_2,
    "mbo niveau 3": Level.MBO_3,
    "mbo niveau 4": Level.MBO_4,
    "hbo": Level.HBO,
    "associate": Level.HBO,
    "bachelor": Level.HBO,
    "master": Level.HBO,
    "post-hbo": Level.HBO,
}
_ONLINE_FORMS = {"e-learning", "distance learning", "virtual classroom"}
_DEGREES = {
    "none": "",
    "certificate": "Certificaat",
    "certificate of participation": "Bewijs van deelname",
    "certificate on request": "Certificaat op verzoek",
    "diploma": "Diploma",
    "module certificate": "Modulecertificaat",
    "testimonial": "Getuigschrift",
}


class FeedError(ValueError):
    """The file as a whole is not a readable EDU-DEX feed; the message says why."""


class _Refused(ValueError):
    """One program cannot be mapped; the message names the element."""


@dataclass
class Node:
    """One element: its local name, attributes, text and children (a program is small)."""

    name: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def all(self, *path: str) -> list[Node]:
        """The descendants along ``path`` (local names)."""
        nodes = [self]
        for name in path:
            nodes = [child for node in nodes for child in node.children if child.name == name]
        return nodes

    def first(self, *path: str) -> Node | None:
        found = self.all(*path)
        return found[0] if found else None

    def value(self, *path: str) -> str:
        node = self.first(*path)
        return node.text.strip() if node is not None else ""


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]  # "namespace local" from expat's namespace handling


def programs(stream: IO[bytes], max_text: int) -> Iterator[Node]:
    """Every ``program`` element of the file, as it is read. :raise FeedError: the reason."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node | None] = []  # None: an element outside any program
    done: list[Node] = []

    def refuse_dtd(*_args: Any) -> None:
        raise FeedError(_("Het XML-bestand bevat een DOCTYPE; dat wordt om veiligheidsredenen niet gelezen."))

    def start(name: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise FeedError(_("Het XML-bestand is dieper genest dan een EDU-DEX-programma."))
        inside = bool(stack) and stack[-1] is not None
        node = None
        if inside or _local(name) == "program":
            node = Node(_local(name), {_local(k): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        if inside:
            stack[-1].children.append(node)
        stack.append(node)

    def end(_name: str) -> None:
        node = stack.pop()
        if node is not None and (not stack or stack[-1] is None):
            done.append(node)

    def text(data: str) -> None:
        node = stack[-1] if stack else None
        if node is not None:
            if len(node.text) + len(data) > max_text:
                raise FeedError(
                    _(
                        "Regel %(line)s: een element heeft meer dan %(most)s tekens.",
                        line=parser.CurrentLineNumber,
                        most=max_text,
                    )
                )
            node.text += data

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
            yield from done
            done.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise FeedError(
            _(
                "Het XML-bestand is niet goed gevormd (regel %(line)s): %(error)s.",
                line=error.lineno,
                error=expat.ErrorString(error.code),
            )
        ) from None
    yield from done


def rows(stream: IO[bytes], max_rows: int, max_text: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, {template header: cell}) per program run, as the CSV and XLSX readers give them.

    :raise FeedError: the file is not an EDU-DEX feed.
    """
    count = 0
    for program in programs(stream, max_text):
        for line, cells in _program_rows(program):
            count += 1
            if count > max_rows:
                raise FeedError(
                    _("Het bestand heeft meer dan %(most)s uitvoeringen; splits het op.", most=max_rows)
                )
            yield line, cells
    if count == 0:
        raise FeedError(_("Het XML-bestand bevat geen EDU-DEX-programma (element program)."))


def _program_rows(program: Node) -> Iterator[tuple[int, dict[str, Any]]]:
    code = program.value("programClassification", "programId")
    try:
        course = _course(program) | {"Code": code}
        runs = [
            (run.line, _run(program, run))
            for run in program.all("programSchedule", "programRun")
            if run.value("status") != "canceled"
        ]
    except _Refused as refused:
        yield program.line, {"Code": code, REFUSAL: str(refused)}
        return
    for line, run in runs or [(program.line, {})]:
        yield line, course | run


def _localised(node: Node, *path: str) -> str:
    """The Dutch text of a localised element, else the first language given."""
    found = node.all(*path)
    for item in found:
        if item.attrs.get("lang") == "nl":
            return item.text.strip()
    return found[0].text.strip() if found else ""


def _course(program: Node) -> dict[str, Any]:
    classification = program.first("programClassification")
    if classification is None:
        raise _Refused(_("%(element)s ontbreekt.", element="programClassification"))
    level = classification.value("programLevel")
    if level not in _LEVELS:
        raise _Refused(
            _(
                "programLevel ‘%(value)s’ kent het register niet (wel: mbo niveau 2 tot 4, hbo en none).",
                value=level[:40],
            )
        )
    degree = classification.value("degree")
    return {
        "Titel": _localised(program, "programDescriptions", "programName"),
        "Samenvatting": _localised(program, "programDescriptions", "programSummaryText"),
        "Beschrijving": _localised(program, "programDescriptions", "programDescriptionHtml")
        or _localised(program, "programDescriptions", "programDescriptionText"),
        "Niveau": _LEVELS[level].value,
        "Vorm": _delivery(program).value,
        "Studiebelasting (uren)": _study_load(program),
        "Prijs (euro)": _price(program),
        "Taal": _language(program),
        "Certificaat": _DEGREES.get(degree, degree),
    }


def _delivery(program: Node) -> DeliveryMode:
    modes = {node.text.strip() for node in program.all("programCurriculum", "instructionMode")}
    forms = {node.text.strip() for node in program.all("programClassification", "programForm")}
    if program.value("programClassification", "fullyOnline") == "true" or (forms and forms <= _ONLINE_FORMS):
        return DeliveryMode.ONLINE
    if "blended learning" in modes:
        return DeliveryMode.BLENDED
    return DeliveryMode.CLASSROOM


def _study_load(program: Node) -> str:
    for load in program.all("programCurriculum", "studyLoad"):
        if load.attrs.get("period", "program") == "program" and load.text.strip():
            return load.text.strip()
        hours = load.value("program")  # the data API's form: studyLoad/program
        if hours:
            return hours
    raise _Refused(
        _('programCurriculum/studyLoad met period="program" (uren voor de hele opleiding) ontbreekt.')
    )


def _price(program: Node) -> str:
    """The sum of the required costs of the generic run, else of the first run, in euro."""
    schedule = program.first("programSchedule")
    costs: list[Node] = []
    if schedule is not None:
        costs = schedule.all("genericProgramRun", "cost")
        if not costs:
            first = schedule.first("programRun")
            costs = first.all("cost") if first is not None else []
    total = Decimal("0")
    for cost in costs:
        if cost.value("isRequiredCost") == "false":
            continue
        if cost.value("currency").upper() not in ("EUR", ""):
            raise _Refused(
                _(
                    "cost/currency ‘%(value)s’: het register kent alleen euro.",
                    value=cost.value("currency")[:10],
                )
            )
        if cost.value("period") not in ("", "program"):
            raise _Refused(
                _(
                    "cost/period ‘%(value)s’: geef de prijs voor de hele opleiding.",
                    value=cost.value("period")[:20],
                )
            )
        try:
            total += Decimal(cost.value("amount"))
        except InvalidOperation:
            raise _Refused(
                _("cost/amount ‘%(value)s’ is geen bedrag.", value=cost.value("amount")[:20])
            ) from None
    return f"{total:.2f}".replace(".", ",")


def _language(program: Node) -> str:
    best, share = "nl", -1
    for item in program.all("programCurriculum", "instructionLanguage"):
        code = item.value("languageCode") or item.text.strip()
        percentage = item.value("percentage") or item.attrs.get("percentage", "0")
        if percentage.isdigit() and int(percentage) > share:
            best, share = code.lower(), int(percentage)
    return best


def _date(run: Node, name: str) -> str:
    node = run.first(name)
    if node is None:
        return ""
    return (node.value("date") or node.text).strip()  # <startDate><date>..</date></startDate> or its text


def _run(program: Node, run: Node) -> dict[str, Any]:
    location = run.first("location") or program.first("programSchedule", "genericProgramRun", "location")
    city = location.value("city") if location is not None else ""
    zipcode = location.value("zipcode") if location is not None else ""
    online = "true" in (run.value("fullyOnline"), program.value("programClassification", "fullyOnline"))
    found = (locate(zipcode) if zipcode else None) or (place(city) if city else None)
    return {
        "Startdatum": _date(run, "startDate"),
        "Einddatum": _date(run, "endDate"),
        "Online": "ja" if online else "nee",
        "Plaats": city,
        "Provincie": found.province if found is not None and not online else "",
        "Plaatsen": run.value("maxNumberOfParticipants"),
        "Inschrijven tot": run.value("applicationDeadline"),
    }
