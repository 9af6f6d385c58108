"""Configuration layering and the refusal to run production with development secrets."""

import pytest

from registry import create_app
from registry.config import PUBLISHED_SECRET_KEYS, ConfigError, normalise_database_url


@pytest.fixture(autouse=True)
def _own_key_file(tmp_path, monkeypatch):
    """Development's generated key goes to a temporary instance folder, not the working copy's."""
    monkeypatch.setenv("REGISTRY_SECRET_KEY_FILE", str(tmp_path / "instance" / "secret_key"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("REGISTRY_ENV", raising=False)


def test_development_makes_its_own_key_once_and_keeps_it(tmp_path):
    first = create_app()
    key_file = tmp_path / "instance" / "secret_key"
    assert first.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first.config["SECRET_KEY"]) >= 48 and first.config["SECRET_KEY"] not in PUBLISHED_SECRET_KEYS
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert create_app().config["SECRET_KEY"] == first.config["SECRET_KEY"]  # sessions survive a restart


@pytest.mark.parametrize("spelling", ["Production", "prod", "PRODUCTION", "staging", ""])
def test_an_unknown_environment_is_refused_at_start(monkeypatch, spelling):
    monkeypatch.setenv("REGISTRY_ENV", spelling)
    with pytest.raises(ConfigError, match=r"REGISTRY_ENV=.* is unknown; use one of: development, production"):
        create_app()


@pytest.mark.parametrize("environment", ["development", "production"])
def test_the_published_key_is_refused_in_every_environment(monkeypatch, environment):
    monkeypatch.setenv("REGISTRY_ENV", environment)
    monkeypatch.setenv("SECRET_KEY", next(iter(PUBLISHED_SECRET_KEYS)))
    with pytest.raises(ConfigError, match="published key"):
        create_app()


def test_production_refuses_the_development_secret_key(tmp_path, monkeypatch):
    create_app()  # development leaves its generated key in the instance folder
    monkeypatch.setenv("REGISTRY_ENV", "production")
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
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL must be set"):
        create_app(database)  # not set at all
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
    sign_in_page = app.test_client().get("/inloggen", base_url="https://registry.example")
    cookie = sign_in_page.headers["Set-Cookie"]
    # __Host-: Secure, Path=/ and no Domain, or the browser drops it.
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/;" in cookie
    assert "Domain" not in cookie
    assert app.config["SECRET_KEY"] not in PUBLISHED_SECRET_KEYS
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


def test_workers_starting_together_share_one_development_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from registry.config import instance_secret_key

    key_file = tmp_path / "gedeeld" / "secret_key"
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _n: instance_secret_key(key_file), range(32)))
    assert keys == {key_file.read_text().strip()}
    assert [path.name for path in key_file.parent.iterdir()] == ["secret_key"]  # no drafts left behind
