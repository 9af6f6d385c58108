"""Every public page, through the test client: Dutch content, the right facts, helpful errors."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from registry.catalogue.enums import CourseStatus, DeliveryMode, Province, RecognitionKind
from registry.catalogue.models import AgeGroup, LegalRequirement, Recognition, TargetRole
from registry.clock import today
from registry.extensions import db
from tests.factories import make_course, make_mark, make_provider, make_run, make_scheme, make_topic


@pytest.fixture
def catalogue(app):
    """A small catalogue around today's date: one rich course, a draft and a second provider."""
    day = today()
    provider = make_provider(
        slug="kindwijs", name="Academie Kindwijs", city="Zwolle", province=Province.OVERIJSSEL
    )
    provider.recognitions.append(
        Recognition(kind=RecognitionKind.CRKBO, number="CRKBO-12345", valid_until=day + timedelta(days=200))
    )
    requirement = LegalRequirement(
        code="kinder-ehbo",
        name="Kinder-EHBO op elke locatie",
        description="Altijd iemand met een geldig certificaat.",
        source_url="https://wetten.overheid.nl/",
        source_checked_on=date(2026, 11, 2),
    )
    role = TargetRole(slug="pedagogisch-medewerker", name="Pedagogisch medewerker")
    baby = AgeGroup(slug="0-1", name="0 tot 1 jaar (baby's)")
    db.session.add_all([requirement, role, baby])
    open_scheme = make_scheme(name="O&O-fonds Kinderopvang", windows=[(day - timedelta(days=30), None)])
    ended_scheme = make_scheme(
        code="STAP",
        name="STAP-budget",
        windows=[(date(2023, 11, 1), date(2023, 11, 30))],
        active_until=date(2023, 12, 31),
        excludes="Geen dubbele financiering.",
    )
    course = make_course(
        provider,
        title="Kinder-EHBO voor de kinderopvang",
        summary="Leer eerste hulp bij kinderen.",
        description_html='<p>Oefenen met <strong>reanimatie</strong>.</p><script>alert("x")</script>',
        delivery_mode=DeliveryMode.BLENDED,
        study_load_hours=12,
        price=Decimal("149.50"),
        legal_requirement=requirement,
        target_roles=[role],
        age_groups=[baby],
        topics=[make_topic()],
        schemes=[open_scheme, ended_scheme],
    )
    make_run(course, day + timedelta(days=20), city="Deventer", province=Province.OVERIJSSEL)
    make_run(course, day - timedelta(days=20), city="Oud-plaats", province=Province.OVERIJSSEL)
    make_mark(course=course, awarded_on=day - timedelta(days=100), valid_until=day + timedelta(days=900))
    make_mark(provider=provider, awarded_on=day - timedelta(days=100), valid_until=day - timedelta(days=1))
    draft = make_course(provider, title="Geheim concept", status=CourseStatus.DRAFT)
    make_course(make_provider(name="Leerhuis De Speelplaats"), title="Babyscholing basis")
    db.session.commit()
    return {"course": course, "draft": draft, "provider": provider, "day": day}


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_explains_the_registry_and_invites_a_search(client, catalogue):
    response = client.get("/")
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="nl">' in body
    assert "Vind een goede opleiding voor de kinderopvang" in body
    assert 'role="search"' in body and 'name="q"' in body
    assert "Nu 2 gepubliceerde opleidingen van 2 aanbieders." in body


def test_course_list_shows_provider_mode_price_next_run_and_badge(client, catalogue):
    body = text(client.get("/opleidingen"))
    assert "2 gepubliceerde opleidingen." in body
    assert "Kinder-EHBO voor de kinderopvang" in body and "Academie Kindwijs" in body
    assert "Blended" in body and "€\xa0149,50" in body
    assert "Deventer" in body and "Oud-plaats" not in body  # the next run, not a past one
    assert "Geaccrediteerd t/m" in body and "Niet geaccrediteerd" in body
    assert "Geheim concept" not in body


def test_course_list_paginates(client, app):
    provider = make_provider()
    for number in range(25):
        make_course(provider, title=f"Training {number:02d}")
    db.session.commit()
    first = text(client.get("/opleidingen"))
    second = text(client.get("/opleidingen?pagina=2"))
    assert "Training 00" in first and "Training 19" in first and "Training 20" not in first
    assert "Training 20" in second and "Training 24" in second and "Training 00" not in second
    assert "Pagina 1 van 2" in first and 'rel="next"' in first
    assert "Geen opleidingen gevonden" in text(client.get("/opleidingen?pagina=99"))


def test_course_list_filters_by_words(client, catalogue):
    body = text(client.get("/opleidingen?q=baby"))
    assert "1 opleidingen gevonden voor ‘baby’." in body
    assert "Babyscholing basis" in body and "Kinder-EHBO voor de kinderopvang" not in body
    empty = text(client.get("/opleidingen?q=zzzz"))
    assert "Geen opleidingen gevonden" in empty


def test_course_page_shows_every_fact_a_reader_needs(client, catalogue):
    course = catalogue["course"]
    body = text(client.get(f"/opleidingen/{course.id}"))
    assert "Kinder-EHBO voor de kinderopvang" in body
    assert "<strong>reanimatie</strong>" in body and "<script>" not in body  # sanitised rich text
    assert "12 uur" in body and "€\xa0149,50" in body and "Blended" in body
    assert "Pedagogisch medewerker" in body and "0 tot 1 jaar (baby&#39;s)" in body
    assert "Kinder-EHBO op elke locatie" in body and "https://wetten.overheid.nl/" in body
    assert "Deventer (Overijssel)" in body and "Oud-plaats" not in body
    assert "Geaccrediteerd t/m" in body
    assert "Keurmerk verlopen" in body  # the provider's mark lapsed yesterday
    assert "O&amp;O-fonds Kinderopvang" in body and "open" in body
    assert "STAP-budget" in body and "beëindigd: geen nieuwe aanvragen" in body


def test_draft_and_unknown_courses_give_a_helpful_dutch_404(client, catalogue):
    for path in (f"/opleidingen/{catalogue['draft'].id}", "/opleidingen/999999", "/bestaat-niet"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Deze pagina bestaat niet" in text(response) or "niet (meer) gepubliceerd" in text(response)
        assert "Zoek in alle opleidingen" in text(response) or "Naar de startpagina" in text(response)


def test_the_provider_directory_comes_a_page_at_a_time_with_each_providers_count(app, client, catalogue):
    for name in ("Zeester Opleidingen", "Bosrand Academie", "Avondrood Scholing"):
        provider = make_provider(name=name)
        if name.startswith("Bosrand"):
            make_course(provider, status=CourseStatus.PUBLISHED)
            make_course(provider, status=CourseStatus.PUBLISHED)
            make_course(provider, status=CourseStatus.DRAFT)
    db.session.commit()
    app.config["PROVIDERS_PER_PAGE"] = 2
    try:
        first, second = text(client.get("/aanbieders")), text(client.get("/aanbieders?pagina=2"))
        last = text(client.get("/aanbieders?pagina=3"))
        beyond = client.get("/aanbieders?pagina=99")
    finally:
        app.config["PROVIDERS_PER_PAGE"] = 100
    # By name: Academie Kindwijs, Avondrood | Bosrand, the provider of the catalogue | Zeester.
    assert "Academie Kindwijs" in first and "Avondrood Scholing" in first and "Bosrand" not in first
    assert "Pagina 1 van 3" in first and "Volgende" in first and "Vorige" not in first
    assert "Bosrand Academie" in second and "2 opleidingen" in second  # the draft does not count
    assert "Zeester Opleidingen" in last and "0 opleidingen" in last and "Volgende" not in last
    assert beyond.status_code == 200 and "Zeester" not in text(beyond)


def test_provider_pages(client, catalogue):
    directory = text(client.get("/aanbieders"))
    assert "Academie Kindwijs" in directory and "1 opleiding" in directory
    body = text(client.get("/aanbieders/kindwijs"))
    assert "Academie Kindwijs" in body and "Zwolle" in body
    assert "CRKBO-registratie" in body and "CRKBO-12345" in body and "geldig t/m" in body
    assert "Kinder-EHBO voor de kinderopvang" in body and "Geheim concept" not in body
    assert "Keurmerk verlopen" in body
    assert client.get("/aanbieders/onbekend").status_code == 404


def test_scheme_page_shows_state_at_today_and_what_is_not_paid(client, catalogue):
    body = text(client.get("/regelingen"))
    assert "STAP-budget" in body and "beëindigd: geen nieuwe aanvragen" in body
    assert "Geen dubbele financiering." in body  # what it does not pay for
    assert "scheme-state--open" in body
    assert "gecontroleerd op 1 november 2026" in body
    assert "https://www.example.org/regeling" in body


def test_security_headers_are_set(client, catalogue):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # One story on framing: nobody may frame the registry, in the old header and in CSP alike.
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_favicon_answers_where_browsers_look_for_it(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype in {"image/vnd.microsoft.icon", "image/x-icon"}
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's signature


def test_english_is_available_and_dutch_stays_the_default(client, catalogue):
    assert '<html lang="nl">' in text(client.get("/"))
    switched = client.get("/taal/en?terug=/regelingen")
    assert switched.status_code == 302 and switched.headers["Location"] == "/regelingen"
    body = text(client.get("/regelingen"))
    assert '<html lang="en">' in body and "Subsidies en fondsen" not in body
    assert "Nederlands" in body
    client.get("/taal/nl")
    assert "Subsidies en fondsen" in text(client.get("/regelingen"))
    assert client.get("/taal/de").status_code == 404
    assert client.get("/taal/en?terug=https://evil.example/").headers["Location"] == "/"


def test_error_pages_are_titled_by_what_happened(client):
    wrong_method = client.delete("/inloggen")
    assert wrong_method.status_code == 405
    assert "<title>Methode niet toegestaan ·" in wrong_method.get_data(as_text=True)
