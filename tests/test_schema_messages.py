"""marshmallow's own messages reach people and clients in Dutch, or in English when they asked for it."""

from __future__ import annotations

import importlib
import pkgutil
from html import unescape

import marshmallow
import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from marshmallow import fields, validate

import registry
from registry.catalogue.models import Course
from registry.extensions import db
from registry.feed.pagination import MAX_LIMIT
from registry.schema import FIELD_MESSAGES, Schema, dutch_field_message, marshmallow_default
from tests.catalogue.test_course_form_and_api import COURSE
from tests.conftest import Browser


def _registry_schemas() -> list[type[marshmallow.Schema]]:
    for module in pkgutil.walk_packages(registry.__path__, "registry."):
        importlib.import_module(module.name)
    found, todo = [], [marshmallow.Schema]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("registry.") and subclass.__module__ != "registry.schema":
                found.append(subclass)
    return found


def _with_inner(field: fields.Field) -> list[fields.Field]:
    inner = [field]
    if isinstance(field, fields.List):
        inner += _with_inner(field.inner)
    elif isinstance(field, fields.Tuple):
        inner += [each for part in field.tuple_fields for each in _with_inner(part)]
    elif isinstance(field, fields.Mapping):
        inner += [each for part in (field.key_field, field.value_field) if part for each in _with_inner(part)]
    return inner


def _bound_fields(schema_class: type[marshmallow.Schema]) -> list[tuple[str, fields.Field]]:
    """Every field of the schema (inner ones too) as the registry's base Schema binds it."""
    bound = Schema.from_dict(dict(schema_class._declared_fields))()
    return [(name, each) for name, field in bound.fields.items() for each in _with_inner(field)]


def _validator_messages(rule: validate.Validator) -> list[object]:
    if rule.error is not None:
        return [rule.error]
    if isinstance(rule, validate.Length):
        return [rule.message_min, rule.message_max, rule.message_all, rule.message_equal]
    if isinstance(rule, validate.Range):
        return [rule.message_min, rule.message_max, rule.message_all]
    return [None]


def test_every_schema_of_the_registry_derives_from_the_translating_base():
    schemas = _registry_schemas()
    assert len(schemas) > 50
    assert [s.__qualname__ for s in schemas if not issubclass(s, Schema)] == []


def test_no_field_or_validator_of_the_registry_keeps_an_untranslated_message():
    """Walks marshmallow's messages for every field class the schemas use, and every validator on them.

    A message that is still a plain string is either marshmallow's English or Dutch that Babel never sees.
    """
    untranslated, classes = [], set()
    for schema_class in _registry_schemas():
        for name, field in _bound_fields(schema_class):
            classes.add(type(field))
            where = f"{schema_class.__qualname__}.{name} ({type(field).__name__})"
            for key in field.error_messages:
                if not isinstance(dict.__getitem__(field.error_messages, key), LazyString):
                    untranslated.append(f"{where}: {key}")
            for rule in field.validators:
                messages = _validator_messages(rule) if isinstance(rule, validate.Validator) else []
                if not all(isinstance(message, LazyString) for message in messages):
                    untranslated.append(f"{where}: {type(rule).__name__}")
    assert {fields.Integer, fields.Date, fields.String, fields.Enum, fields.List} <= classes
    assert untranslated == []


def test_each_of_marshmallows_messages_for_the_classes_in_use_has_a_dutch_one():
    used = {type(field) for schema in _registry_schemas() for _name, field in _bound_fields(schema)}
    missing = []
    for field_class in used | set(FIELD_MESSAGES):
        marshmallows = [cls for cls in field_class.__mro__ if cls.__module__ == "marshmallow.fields"]
        for key in {key for cls in marshmallows for key in cls.__dict__.get("default_error_messages", {})}:
            dutch = dutch_field_message(field_class, key)
            if dutch is None or str(dutch) == marshmallow_default(field_class, key):
                missing.append(f"{field_class.__name__}: {key}")
    assert missing == []


def test_a_translated_message_keeps_its_placeholders_and_follows_the_language(app):
    class Sample(Schema):
        count = fields.Integer(required=True, validate=validate.Range(min=1, max=5))
        name = fields.String(validate=validate.Length(min=2, max=4))
        kind = fields.String(validate=validate.OneOf(["a", "b"]))
        tags = fields.List(fields.Integer(), validate=validate.Length(max=1))
        day = fields.Date()

    bad = {"count": 9, "name": "abcdef", "kind": "z", "tags": [1, "x"], "day": "morgen", "extra": 1}
    with app.test_request_context():
        dutch = Sample().validate(bad)
        with force_locale("en"):
            english = Sample().validate(bad)
            missing = Sample().validate({})
    assert dutch == {
        "count": ["Vul een waarde van 1 tot en met 5 in."],
        "name": ["Gebruik 2 tot en met 4 tekens."],
        "kind": ["Kies een van: a, b."],
        "tags": {1: ["Vul een geheel getal in."]},
        "day": ["Vul een datum in als 31-01-2027 (in de API: 2027-01-31)."],
        "extra": ["Dit veld kennen we niet."],
    }
    assert english["count"] == ["Enter a value from 1 to 5."]
    assert english["name"] == ["Use 2 to 4 characters."]
    assert english["kind"] == ["Choose one of: a, b."]
    assert english["extra"] == ["Unknown field."]
    assert missing == {"count": ["This field is required."]}


def _run_form(app, people, locale: str | None = None):
    browser = Browser(app.test_client())
    if locale:
        browser.client.set_cookie("taal", locale)
    browser.login(people.member.email)
    new = f"/aanbieder/{people.provider.id}/opleidingen/nieuw"
    browser.post(new, new, COURSE)
    course = db.session.scalar(sa.select(Course))
    page = f"/aanbieder/opleidingen/{course.id}"
    return browser.post(
        page,
        f"{page}/uitvoeringen",
        {"starts_on": "31-02-2027", "seats": "veel", "city": "Utrecht", "province": "utrecht"},
    )


def test_a_form_with_a_bad_number_a_bad_date_and_a_missing_field_answers_in_dutch(app, people):
    response = _run_form(app, people)
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "Vul een geheel getal in." in page  # seats
    assert "Vul een datum in als 31-01-2027 (in de API: 2027-01-31)." in page  # starts_on
    assert "Dit veld is verplicht." in page  # ends_on
    assert "Not a valid" not in page and "Missing data" not in page


def test_the_same_form_answers_in_english_after_the_language_switch(app, people):
    page = unescape(_run_form(app, people, "en").get_data(as_text=True))
    assert "Enter a whole number." in page
    assert "This field is required." in page
    assert "Dit veld is verplicht." not in page


BAD_QUERY = "/api/v1/courses?limit=veel&starts_after=morgen&province=mars&accreditation=zz"


@pytest.mark.parametrize(
    ("headers", "language", "expected"),
    [
        ({}, "nl", {"limit": "Vul een geheel getal in.", "accreditation": "Kies een van: "}),
        ({"Accept-Language": "nl-NL,nl;q=0.9"}, "nl", {"starts_after": "Vul een datum in als"}),
        ({"Accept-Language": "en"}, "en", {"limit": "Enter a whole number.", "province": "Choose one of: "}),
        ({"Accept-Language": "en-GB,en;q=0.8,nl;q=0.5"}, "en", {"starts_after": "Enter a date as"}),
    ],
)
def test_the_api_answers_field_errors_in_the_language_the_client_accepts(client, headers, language, expected):
    response = client.get(BAD_QUERY, headers=headers)
    body = response.get_json()
    assert response.status_code == 422
    assert response.headers["Content-Language"] == language
    assert "Accept-Language" in response.headers["Vary"]
    assert set(body["errors"]) == {"limit", "starts_after", "province", "accreditation"}
    for name, start in expected.items():
        assert body["errors"][name][0].startswith(start), body["errors"][name]
    assert body["title"] == ("Invalid input" if language == "en" else "Ongeldige invoer")


def test_the_api_language_ignores_the_pages_language_switch(client):
    client.set_cookie("taal", "en")
    body = client.get("/api/v1/courses?limit=0").get_json()
    assert body["errors"]["limit"] == [f"Vul een waarde van 1 tot en met {MAX_LIMIT} in."]
