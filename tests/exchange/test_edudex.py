"""An EDU-DEX program feed takes the import's path: preview, refused programs named, confirm, idempotent."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus, DeliveryMode, Level, Province
from registry.catalogue.models import Course
from registry.clock import today
from registry.exchange import service
from registry.exchange.reading import UnreadableFile
from registry.extensions import db
from registry.reviews.models import Review
from tests.conftest import count

START = today() + timedelta(days=40)


def program(
    program_id: str = "EHBO-01",
    *,
    level: str = "mbo niveau 3",
    amount: str = "149.50",
    runs: str | None = None,
    name: str = "Kinder-EHBO voor pedagogisch medewerkers",
) -> str:
    """One program in the shape of the EDU-DEX program.xsd (elements in the schema's order)."""
    if runs is None:
        second = START + timedelta(days=14)
        runs = f"""
    <programRun>
      <id>run-1</id>
      <status>application opened</status>
      <startDate><date>{START.isoformat()}</date><isFinal>true</isFinal></startDate>
      <endDate><date>{START.isoformat()}</date><isFinal>true</isFinal></endDate>
      <location><id>utr</id><city>Utrecht</city><zipcode>3511 AB</zipcode></location>
      <maxNumberOfParticipants>12</maxNumberOfParticipants>
    </programRun>
    <programRun>
      <id>run-2</id>
      <status>application opened</status>
      <startDate>{second.isoformat()}</startDate>
      <endDate>{second.isoformat()}</endDate>
      <location><city>Zwolle</city></location>
    </programRun>
    <programRun>
      <id>run-3</id>
      <status>canceled</status>
      <startDate>{second.isoformat()}</startDate>
      <endDate>{second.isoformat()}</endDate>
      <location><city>Groningen</city></location>
    </programRun>"""
    return f"""
<program>
  <editor>opleidingen@kindwijs.example</editor>
  <expires>2099-12-31</expires>
  <format>EDU-DEX 1.0</format>
  <generator>test</generator>
  <lastEdited>2026-11-01T09:00:00</lastEdited>
  <programAdmission>
    <applicationOpen>true</applicationOpen>
    <applicationType>individual</applicationType>
    <paymentDue>up-front</paymentDue>
    <startDateDetermination>fixed starting date</startDateDetermination>
  </programAdmission>
  <programClassification>
    <degree>certificate</degree>
    <orgUnitId>kindwijs</orgUnitId>
    <programDuration unit="day">1</programDuration>
    <programForm>part-time</programForm>
    <programId>{program_id}</programId>
    <programLevel>{level}</programLevel>
    <programLocation><description>Utrecht</description></programLocation>
    <programType>training</programType>
  </programClassification>
  <programContacts><contactData><contactName>Planning</contactName></contactData></programContacts>
  <programCurriculum>
    <instructionLanguage><languageCode>nl</languageCode><percentage>100</percentage></instructionLanguage>
    <instructionMode>classroom teaching</instructionMode>
    <studyLoad period="program">8</studyLoad>
  </programCurriculum>
  <programDescriptions>
    <programName xml:lang="en">Paediatric first aid</programName>
    <programName xml:lang="nl">{name}</programName>
    <programSummaryText xml:lang="nl">Eerste hulp bij ongelukken met baby's en peuters.</programSummaryText>
    <programDescriptionText xml:lang="nl">Een dag oefenen met reanimeren.</programDescriptionText>
  </programDescriptions>
  <programSchedule>
    <genericProgramRun>
      <cost>
        <amount>{amount}</amount><amountIsFinal>true</amountIsFinal><costType>tuition fee</costType>
        <currency>EUR</currency><isRequiredCost>true</isRequiredCost>
      </cost>
      <cost>
        <amount>25.00</amount><amountIsFinal>true</amountIsFinal><costType>lunch</costType>
        <currency>EUR</currency><isRequiredCost>false</isRequiredCost>
      </cost>
    </genericProgramRun>{runs}
  </programSchedule>
</program>"""


NAMESPACE = 'xmlns="http://studieData.nl/schema/edudex/program"'


def feed(*programs: str, root: str | None = "programs") -> bytes:
    """The programs under one root element, or (``root`` None) one program as the document."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if root is None:
        return (head + programs[0].replace("<program>", f"<program {NAMESPACE}>", 1)).encode()
    return f"{head}<{root} {NAMESPACE}>{''.join(programs)}\n</{root}>".encode()


def _preview(people, data: bytes):
    return service.preview_import(people.member, people.provider.id, io.BytesIO(data))


def _import(people, data: bytes):
    preview = _preview(people, data)
    return service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)


def test_a_program_becomes_a_course_with_its_runs_and_again_changes_nothing(people, vocabulary) -> None:
    data = feed(program(), root=None)
    preview = _preview(people, data)
    assert (len(preview.created), preview.refused) == (1, [])
    assert preview.created[0].runs_added == 2  # the canceled run is left out
    service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    course = db.session.scalar(sa.select(Course))
    assert course.course_code == "EHBO-01"
    assert course.title == "Kinder-EHBO voor pedagogisch medewerkers"  # the Dutch name
    assert (course.level, course.delivery_mode) == (Level.MBO_3, DeliveryMode.CLASSROOM)
    assert (course.study_load_hours, str(course.price), course.language) == (8, "149.50", "nl")
    assert course.certificate_type == "Certificaat"
    runs = sorted(course.runs, key=lambda run: run.starts_on)
    assert [(run.starts_on, run.city, run.province) for run in runs] == [
        (START, "Utrecht", Province.UTRECHT),
        (START + timedelta(days=14), "Zwolle", Province.OVERIJSSEL),
    ]
    assert runs[0].seats == 12
    again = _preview(people, data)
    assert (len(again.unchanged), again.created, again.changed) == (1, [], [])


def test_a_changed_price_of_a_published_program_opens_a_change_review(people, vocabulary) -> None:
    _import(people, feed(program()))
    course = db.session.scalar(sa.select(Course))
    course.status = CourseStatus.PUBLISHED
    db.session.commit()
    result = _import(people, feed(program(amount="175.00")))
    assert [plan.opens_review for plan in result.changed] == [True]
    db.session.expire_all()
    review = db.session.scalar(sa.select(Review).where(Review.course_id == course.id))
    assert review.proposal["price"] == "175.00" and str(db.session.get(Course, course.id).price) == "149.50"


def test_programs_the_registry_cannot_hold_are_refused_by_line_with_the_element(people, vocabulary) -> None:
    data = feed(program("OK-1"), program("WO-1", level="academic master"), program("FREE", runs=""))
    preview = _preview(people, data)
    assert [plan.code for plan in preview.created] == ["OK-1", "FREE"]
    assert [(row.code, "programLevel" in row.reason) for row in preview.refused] == [("WO-1", True)]
    assert data.decode().splitlines()[preview.refused[0].line - 1].strip() == "<program>"
    service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    assert count(Course) == 2


def test_a_program_without_a_title_is_refused_by_the_catalogue_rules(people, vocabulary) -> None:
    preview = _preview(people, feed(program(name="")))
    assert [row.code for row in preview.refused] == ["EHBO-01"] * 2  # one line per run
    assert "Titel" in preview.refused[0].reason


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><program>&lol;</program>',
        b'<?xml version="1.0"?><!DOCTYPE p SYSTEM "file:///etc/passwd"><program/>',
        b"<program><programClassification>",
        b'<?xml version="1.0"?><catalog><item/></catalog>',
        b"<program>" + b"<a>" * 100 + b"</a>" * 100 + b"</program>",
    ],
    ids=["entities", "external", "unclosed", "no-program", "deep"],
)
def test_unsafe_or_broken_xml_is_refused_as_a_whole(people, vocabulary, data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        _preview(people, data)
    assert count(Course) == 0


def test_the_workspace_takes_an_edudex_file(browser_client, people, vocabulary) -> None:
    browser_client.login(people.member.email)
    page = f"/aanbieder/{people.provider.id}/import"
    response = browser_client.post(
        page,
        page,
        {"file": (io.BytesIO(feed(program())), "programma.xml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert 'action="' in response.get_data(as_text=True) and count(Course) == 0  # a preview to confirm
