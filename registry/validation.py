"""Validators for Dutch registry numbers, shared by models, schemas and forms."""

import re
from typing import Any
from urllib.parse import urlsplit

import nh3
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields

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
        raise ValidationFailed(
            _("Een KvK-nummer bestaat uit 8 cijfers."), fields={"kvk_number": [_("8 cijfers")]}
        )
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


# The only schemes a link in the registry's data may have: javascript:, data:, file: and the like never.
WEB_SCHEMES = ("http", "https")
_UNSAFE_IN_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")


def is_web_address(value: str | None) -> bool:
    """An absolute http(s) address with a host and nothing a browser would read another way."""
    if not value or len(value) > 2000 or _UNSAFE_IN_ADDRESS.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. a malformed IPv6 host
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def web_address_or_empty(value: str | None) -> str:
    """The address if it is a web address, else "": links already stored are neutralised on the way out."""
    return value if value and is_web_address(value) else ""


class WebAddress(fields.String):
    """A link in the registry's data (a website, a source): only http(s), checked in, neutralised out.

    One field for forms, the API, the import and the feed; empty is allowed unless ``required``.
    """

    # Lazy, read in the request's language by registry.schema's messages.
    default_error_messages = {
        "invalid_web_address": _l("Vul een webadres in dat begint met https:// of http://.")
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if text and not is_web_address(text):
            raise self.make_error("invalid_web_address")
        if not text and self.required:
            raise self.make_error("required")
        return text

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return web_address_or_empty(str(value))


def load_or_fail(schema: Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """``schema.load`` with marshmallow's errors turned into a ValidationFailed naming the fields."""
    try:
        return schema.load(data, partial=partial)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise ValidationFailed(_("Niet alle velden zijn goed ingevuld."), fields=messages) from error
