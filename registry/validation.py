"""Validators for Dutch registry numbers, shared by models, schemas and forms."""

import re
from typing import Any

import nh3
from marshmallow import Schema, ValidationError

from registry.errors import ValidationFailed

_KVK = re.compile(r"^\d{8}$")
_LRK = re.compile(r"^\d{9}$")


def is_valid_kvk(value: str) -> bool:
    """A Chamber of Commerce (KvK) number: exactly eight digits, not all zero."""
    return bool(_KVK.match(value or "")) and value != "00000000"


def require_valid_kvk(value: str) -> str:
    """The value, if it is a valid KvK number.

    :raise ValidationFailed: naming the field ``kvk_number``.
    """
    if not is_valid_kvk(value):
        raise ValidationFailed("Een KvK-nummer bestaat uit 8 cijfers.", fields={"kvk_number": ["8 cijfers"]})
    return value


def is_valid_lrk(value: str) -> bool:
    """A national childcare register (LRK) number: nine digits."""
    return bool(_LRK.match(value or ""))


# The rich text a provider may use in a course description: structure and emphasis, no scripts or styles.
RICH_TEXT_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a", "blockquote"}


def sanitise_html(value: str) -> str:
    """Keep only harmless structure and links; everything else is stripped."""
    return nh3.clean(
        value or "",
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )


def load_or_fail(schema: Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """``schema.load`` with marshmallow's errors turned into a ValidationFailed naming the fields."""
    try:
        return schema.load(data, partial=partial)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise ValidationFailed("Niet alle velden zijn goed ingevuld.", fields=messages) from error
