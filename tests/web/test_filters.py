"""Numbers the Dutch way, and the English way for an English reader, whichever came first."""

from __future__ import annotations

from decimal import Decimal

from flask import Flask
from flask_babel import refresh

from registry.web.filters import euro


def test_a_price_follows_the_readers_language_even_when_another_language_asked_first(app: Flask):
    for language, expected in (("nl", "€\xa01.234,50"), ("en", "€1,234.50"), ("nl", "€\xa01.234,50")):
        with app.test_request_context(headers={"Cookie": f"taal={language}"}):  # the language switch
            refresh()  # the locale is kept on the application context, which these requests share
            assert euro(Decimal("1234.50")) == expected
    with app.test_request_context():
        assert euro(Decimal("0")) == "gratis" and euro(None) == ""


def test_the_warm_up_compiles_every_page_template(_migrated_app: Flask):
    from registry.search.warmup import _compile_templates

    environment = _migrated_app.jinja_env
    environment.cache.clear()
    _compile_templates(_migrated_app)
    compiled = {name for (_loader, name), _template in environment.cache.items()}
    assert set(environment.list_templates(filter_func=lambda name: name.endswith(".html"))) <= compiled
