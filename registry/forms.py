"""HTML forms speak through the same marshmallow schemas as the JSON API.

A form post differs from JSON only in how values arrive: everything is text, an empty box means "not
given", an unticked checkbox is simply absent, a list comes as repeated keys or one comma-separated box,
and people type Dutch numbers and dates ("145,00", "31-01-2027"; read in ``registry.dutch_input``).
``FormSchema.pre_load`` turns a form post (a ``MultiDict``) into the shape a JSON client sends; the
fields and their validators then judge both alike.
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, fields, pre_load
from werkzeug.datastructures import MultiDict

from registry.dutch_input import date_text, decimal_text
from registry.schema import Schema


class FormSchema(Schema):
    """A schema that also reads HTML form posts. JSON input passes through ``pre_load`` untouched."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _read_form(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, MultiDict):
            return data
        return form_values(self, data)


def form_values(schema: Schema, form: MultiDict) -> dict[str, Any]:
    """The values of ``form`` for ``schema``'s fields, shaped as a JSON client would send them."""
    values: dict[str, Any] = {}
    for name, field in schema.load_fields.items():
        key = field.data_key or name
        if isinstance(field, fields.Boolean):
            values[key] = form.get(key, "") not in ("", "0", "false", "off")  # unticked: absent
        elif isinstance(field, fields.List):
            if key in form:
                values[key] = _list_items(form.getlist(key))
        elif key in form:
            text = form.get(key, "").strip()
            if text:
                values[key] = _typed_text(field, text)
            elif field.allow_none:
                values[key] = None  # an emptied box clears an optional value
    return values


def _list_items(raw: list[str]) -> list[str]:
    """Repeated keys (checkboxes, multi-selects) or one comma-separated text box."""
    return [item.strip() for value in raw for item in value.split(",") if item.strip()]


def _typed_text(field: fields.Field, text: str) -> str:
    """Dutch numbers and dates as a JSON client writes them; the field's own rules judge the result."""
    if isinstance(field, fields.Number):
        return decimal_text(text, whole=isinstance(field, fields.Integer))
    if isinstance(field, fields.Date) and not isinstance(field, fields.DateTime):
        return date_text(text)
    return text
