"""Configuration layering and the refusal to run production with development secrets."""

import pytest

from registry import create_app
from registry.config import DEV_SECRET_KEY, ConfigError, normalise_database_url


def test_production_refuses_the_development_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTRY_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    with pytest.raises(ConfigError):
        create_app({"SECRET_KEY": "short", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_production_needs_postgresql_and_smtp(monkeypatch):
    monkeypatch.setenv("REGISTRY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://scholingsregister.example")
    monkeypatch.delenv("MAIL_SERVER", raising=False)
    with pytest.raises(ConfigError, match="PostgreSQL"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"})
    with pytest.raises(ConfigError, match="MAIL_SERVER"):
        create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db.example/registry"})
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    with pytest.raises(ConfigError, match="rate limits"):
        create_app(
            {
                "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db.example/registry",
                "RATELIMIT_STORAGE_URI": "memory://",
            }
        )


def test_production_needs_its_public_address_for_links_in_e_mails(monkeypatch):
    monkeypatch.setenv("REGISTRY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    database = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db.example/registry"}
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        create_app(database)  # the default, http://127.0.0.1:5000
    for wrong in ("http://scholingsregister.example", "https://localhost:8000", "scholingsregister.example"):
        monkeypatch.setenv("PUBLIC_BASE_URL", wrong)
        with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
            create_app(database)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://scholingsregister.example")
    assert create_app(database).config["PUBLIC_BASE_URL"] == "https://scholingsregister.example"


def test_production_with_a_real_secret_uses_secure_cookies_and_https(monkeypatch):
    monkeypatch.setenv("REGISTRY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://scholingsregister.example")
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db.example/registry"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SECRET_KEY"] != DEV_SECRET_KEY
    response = app.test_client().get("/", base_url="http://registry.example")
    assert response.status_code == 302 and response.headers["Location"].startswith("https://")


def test_environment_overrides_defaults_and_tests_override_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db.example/registry")
    monkeypatch.setenv("REGISTRY_COURSES_PER_PAGE", "50")
    app = create_app({"COURSES_PER_PAGE": 7})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://user@db.example/registry"
    assert app.config["COURSES_PER_PAGE"] == 7  # the tests' mapping wins
    monkeypatch.setenv("REGISTRY_SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("MAIL_USE_TLS", "false")
    app = create_app()
    assert app.config["COURSES_PER_PAGE"] == 50 and app.config["SESSION_IDLE_MINUTES"] == 15
    assert app.config["MAIL_USE_TLS"] is False


def test_database_urls_get_the_psycopg_driver():
    assert normalise_database_url("postgresql://a@b/c") == "postgresql+psycopg://a@b/c"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_mail_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://scholingsregister.example")
    app = create_app()
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert app.config["PUBLIC_BASE_URL"] == "https://scholingsregister.example"
