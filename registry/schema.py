"""The registry's marshmallow ``Schema``: marshmallow's own messages in the language of the request.

marshmallow words its refusals in English ("Missing data for required field.", "Not a valid integer.",
"Length must be between 2 and 5."). Every schema of the registry derives from :class:`Schema` here,
which gives each field and validator the Dutch message below (English through the Babel catalogue)
unless the schema wrote its own. The messages stay lazy: a schema built at import time still answers in
the language of the request that fails, with marshmallow's placeholders ({min}, {max}, {choices}) filled.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from marshmallow import Schema as MarshmallowSchema
from marshmallow import fields, validate

# Per field class, in marshmallow's keys; a class inherits the messages of the classes it derives from.
FIELD_MESSAGES: dict[type[fields.Field], dict[str, LazyString]] = {
    fields.Field: {
        "required": _l("Dit veld is verplicht."),
        "null": _l("Dit veld is verplicht."),
        "validator_failed": _l("Deze waarde is niet geldig."),
    },
    fields.Nested: {"type": _l("Dit onderdeel heeft niet de juiste vorm.")},
    fields.List: {"invalid": _l("Vul een lijst in.")},
    fields.Tuple: {"invalid": _l("Vul een rij waarden in.")},
    fields.String: {
        "invalid": _l("Vul tekst in."),
        "invalid_utf8": _l("Deze tekst bevat tekens die we niet kunnen lezen."),
    },
    fields.Number: {"invalid": _l("Vul een getal in."), "too_large": _l("Dit getal is te groot.")},
    fields.Integer: {"invalid": _l("Vul een geheel getal in.")},
    fields.Float: {"special": _l("Vul een getal in (geen NaN of oneindig).")},
    fields.Decimal: {"special": _l("Vul een getal in (geen NaN of oneindig).")},
    fields.Boolean: {"invalid": _l("Gebruik true of false.")},
    fields.Date: {
        "invalid": _l("Vul een datum in als 31-01-2027 (in de API: 2027-01-31)."),
        "invalid_awareness": _l("Vul een datum in als 31-01-2027 (in de API: 2027-01-31)."),
        "format": _l('"{input}" is niet als datum te schrijven.'),
    },
    fields.DateTime: {
        "invalid": _l("Vul een datum en tijd in, bijvoorbeeld 2027-01-31T09:00:00+01:00."),
        "invalid_awareness": _l("Vul een datum en tijd in, bijvoorbeeld 2027-01-31T09:00:00+01:00."),
        "format": _l('"{input}" is niet als datum en tijd te schrijven.'),
    },
    fields.AwareDateTime: {
        "invalid_awareness": _l(
            "Vul een datum en tijd met tijdzone in, bijvoorbeeld 2027-01-31T09:00:00+01:00."
        )
    },
    fields.NaiveDateTime: {
        "invalid_awareness": _l("Vul een datum en tijd zonder tijdzone in, bijvoorbeeld 2027-01-31T09:00:00.")
    },
    fields.Mapping: {"invalid": _l("Vul een object in met namen en waarden.")},
    fields.Email: {"invalid": _l("Vul een geldig e-mailadres in.")},
    fields.Url: {"invalid": _l("Vul een geldig webadres in.")},
    fields.UUID: {"invalid_uuid": _l("Vul een geldige UUID in.")},
    fields.Enum: {"unknown": _l("Kies een van: {choices}.")},
}

# Schema-wide messages: input that is no object, and (where a schema refuses them) unknown fields.
SCHEMA_MESSAGES: dict[str, LazyString] = {
    "type": _l("Stuur een object met velden."),
    "unknown": _l("Dit veld kennen we niet."),
}

# Validators whose one message is ``error`` (marshmallow's ``default_message`` unless a schema chose one).
VALIDATOR_MESSAGES: dict[type[validate.Validator], LazyString] = {
    validate.OneOf: _l("Kies een van: {choices}."),
    validate.ContainsOnly: _l("Kies alleen uit: {choices}."),
    validate.NoneOf: _l("Deze waarde is niet toegestaan."),
    validate.ContainsNoneOf: _l("Kies niet uit: {values}."),
    validate.Regexp: _l("Deze waarde heeft niet de juiste vorm."),
    validate.Email: _l("Vul een geldig e-mailadres in."),
    validate.URL: _l("Vul een geldig webadres in."),
    validate.Equal: _l("Vul {other} in."),
    validate.Predicate: _l("Deze waarde is niet geldig."),
}

# Length counts characters in a text and items in a list, so it says which.
TEXT_LENGTH_MESSAGES: dict[str, LazyString] = {
    "message_min": _l("Gebruik minstens {min} tekens."),
    "message_max": _l("Gebruik hoogstens {max} tekens."),
    "message_all": _l("Gebruik {min} tot en met {max} tekens."),
    "message_equal": _l("Gebruik precies {equal} tekens."),
}
LENGTH_MESSAGES: dict[str, LazyString] = {
    "message_min": _l("Geef er minstens {min}."),
    "message_max": _l("Geef er hoogstens {max}."),
    "message_all": _l("Geef er {min} tot en met {max}."),
    "message_equal": _l("Geef er precies {equal}."),
}

# Range, by whether its bounds are inclusive (marshmallow's default) or not.
RANGE_MESSAGES: dict[str, LazyString] = {
    "min": _l("Vul {min} of meer in."),
    "min_exclusive": _l("Vul meer dan {min} in."),
    "max": _l("Vul {max} of minder in."),
    "max_exclusive": _l("Vul minder dan {max} in."),
    "all": _l("Vul een waarde van {min} tot en met {max} in."),
    "all_exclusive": _l("Vul een waarde tussen {min} en {max} in."),
}


class Messages(dict):
    """A field's or schema's messages: a lazy one is read in the language of the moment it is needed.

    marshmallow formats and wraps a message only when it is a ``str``; reading it here makes it one.
    """

    def __getitem__(self, key: str) -> Any:
        message = super().__getitem__(key)
        return str(message) if isinstance(message, LazyString) else message


@cache
def marshmallow_default(field_class: type[fields.Field], key: str) -> str | None:
    """marshmallow's own (English) message for ``key`` on ``field_class``, as its fields collect them."""
    messages: dict[str, str] = {}
    for cls in reversed(field_class.__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages.get(key)


@cache
def dutch_field_message(field_class: type[fields.Field], key: str) -> LazyString | None:
    """The registry's message for ``key`` on ``field_class``: from the nearest ancestor that has one."""
    for cls in field_class.__mro__:
        message = FIELD_MESSAGES.get(cls, {}).get(key)
        if message is not None:
            return message
    return None


def translate_field(field: fields.Field) -> None:
    """Give ``field`` (a schema's own copy) and the fields inside it the registry's messages."""
    messages = Messages()
    for key, message in field.error_messages.items():
        dutch = dutch_field_message(type(field), key)
        own = message != marshmallow_default(type(field), key)
        messages[key] = message if own or dutch is None else dutch
    field.error_messages = messages
    field.validators = [translated_validator(rule, field) for rule in field.validators]
    if isinstance(field, fields.List):
        field.inner = _translated_copy(field.inner)
    elif isinstance(field, fields.Tuple):
        field.tuple_fields = [_translated_copy(inner) for inner in field.tuple_fields]
    elif isinstance(field, fields.Mapping):
        field.key_field = field.key_field and _translated_copy(field.key_field)
        field.value_field = field.value_field and _translated_copy(field.value_field)


def _translated_copy(field: fields.Field) -> fields.Field:
    inner = copy.copy(field)
    translate_field(inner)
    return inner


def translated_validator(rule: Any, field: fields.Field) -> Any:
    """``rule`` with the registry's messages where it kept marshmallow's; a copy, never the shared one."""
    if not isinstance(rule, validate.Validator):
        return rule  # a plain function words its own refusal
    if isinstance(rule, validate.Length):
        if rule.error is not None:
            return rule
        rule = copy.copy(rule)
        texts = TEXT_LENGTH_MESSAGES if isinstance(field, fields.String) else LENGTH_MESSAGES
        for attribute, message in texts.items():
            setattr(rule, attribute, message)
        return rule
    if isinstance(rule, validate.Range):
        if rule.error is not None:
            return rule
        rule = copy.copy(rule)
        low = "min" if rule.min_inclusive else "min_exclusive"
        high = "max" if rule.max_inclusive else "max_exclusive"
        both = "all" if rule.min_inclusive and rule.max_inclusive else "all_exclusive"
        rule.message_min, rule.message_max = RANGE_MESSAGES[low], RANGE_MESSAGES[high]
        rule.message_all = RANGE_MESSAGES[both]
        return rule
    for cls in type(rule).__mro__:
        if cls in VALIDATOR_MESSAGES:
            if rule.error == cls.default_message:  # type: ignore[attr-defined]
                rule = copy.copy(rule)
                rule.error = VALIDATOR_MESSAGES[cls]
            return rule
    return rule


class Schema(MarshmallowSchema):
    """Every schema of the registry: marshmallow's messages in the request's language (Dutch by default)."""

    error_messages = SCHEMA_MESSAGES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = Messages(self.error_messages)

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        """Each schema holds its own copy of a field, so translating it touches no other schema."""
        translate_field(field_obj)
