"""Credentials from the environment: a token or a service user, the API key, the auth URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.config import load_settings
from reconciler.errors import ConfigError

PASSWORD = "pw-9c1e-Hunter2"
USER = {
    "JOBMOJITO_EMAIL": "ci@acme.test",
    "JOBMOJITO_PASSWORD": PASSWORD,
    "IAC_NAMESPACE": "acme",
}


@pytest.fixture(autouse=True)
def repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()


def test_a_service_user_instead_of_a_token(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env=USER)

    assert settings.uses_service_user
    assert (settings.email, settings.password.reveal()) == ("ci@acme.test", PASSWORD)
    assert not settings.token
    assert PASSWORD not in repr(settings)


def test_a_token_wins_over_a_service_user(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env={**USER, "JOBMOJITO_TOKEN": "tok-1"})

    assert settings.token.reveal() == "tok-1"
    assert not settings.uses_service_user
    assert (settings.email, settings.password, settings.auth_url) == ("", Secret(""), "")


@pytest.mark.parametrize(
    ("given", "missing"),
    [("JOBMOJITO_EMAIL", "JOBMOJITO_PASSWORD"), ("JOBMOJITO_PASSWORD", "JOBMOJITO_EMAIL")],
)
def test_half_a_service_user_is_an_error_naming_the_missing_half(
    tmp_path: Path, given: str, missing: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={"IAC_NAMESPACE": "acme", given: USER[given]})

    assert str(caught.value) == (
        f"{given} is set but {missing} is not: a service user needs both (or set "
        "JOBMOJITO_TOKEN instead)"
    )
    assert PASSWORD not in str(caught.value)


def test_the_password_keeps_its_spaces_and_loses_a_trailing_line_break(tmp_path: Path) -> None:
    env = {**USER, "JOBMOJITO_PASSWORD": f" {PASSWORD} \n"}

    assert load_settings(tmp_path, env=env).password.reveal() == f" {PASSWORD} "


@pytest.mark.parametrize(
    ("api_url", "auth_url"),
    [
        ("https://cool.jobmojito.com/functions/v1", "https://cool.jobmojito.com/auth/v1"),
        ("https://abc.supabase.co/functions/v1/", "https://abc.supabase.co/auth/v1"),
        ("http://127.0.0.1:8787", "http://127.0.0.1:8787/auth/v1"),
        ("https://gateway.acme.test/jobmojito/api", "https://gateway.acme.test/auth/v1"),
    ],
)
def test_the_auth_url_follows_the_api_url(tmp_path: Path, api_url: str, auth_url: str) -> None:
    env = {**USER, "JOBMOJITO_API_URL": api_url}

    assert load_settings(tmp_path, env=env).auth_url == auth_url


def test_the_auth_url_can_be_set_in_the_environment(tmp_path: Path) -> None:
    env = {**USER, "JOBMOJITO_AUTH_URL": "https://abc.supabase.co/auth/v1/"}

    assert load_settings(tmp_path, env=env).auth_url == "https://abc.supabase.co/auth/v1"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://user:secret-9@abc.supabase.co/auth/v1",
            "auth_url (from JOBMOJITO_AUTH_URL) holds user information (user:password@host); "
            "remove it: the service user comes from JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD only",
        ),
        (
            "http://auth.acme.test/auth/v1",
            "auth_url 'http://auth.acme.test/auth/v1' (from JOBMOJITO_AUTH_URL) uses plain "
            "http:// to a non-loopback host; use https:// (plain http:// is allowed only for "
            "localhost, 127.0.0.0/8 and ::1)",
        ),
        (
            "https://abc.supabase.co/auth\n/v1",
            "auth_url (from JOBMOJITO_AUTH_URL) holds a control or non-ASCII character; "
            "expected something like https://cool.jobmojito.com/auth/v1",
        ),
    ],
)
def test_a_bad_auth_url_is_refused(tmp_path: Path, url: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={**USER, "JOBMOJITO_AUTH_URL": url})

    assert str(caught.value) == message
    assert "secret-9" not in str(caught.value)


def test_the_auth_url_is_never_read_from_the_repository(tmp_path: Path) -> None:
    path = tmp_path / "reconciler.toml"
    path.write_text('[reconciler]\nauth_url = "https://evil.test/auth/v1"\n', encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env=USER)

    assert str(caught.value) == (
        f"{path}: auth_url is not read from reconciler.toml: a file in the repository can be "
        "changed by a pull request, which would send the service user's password to another "
        "host before anyone reviews it; remove the line and set JOBMOJITO_AUTH_URL instead"
    )


def test_the_api_key_is_a_secret(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env={**USER, "JOBMOJITO_API_KEY": " anon-key-77 "})

    assert settings.api_key.reveal() == "anon-key-77"
    assert "anon-key-77" not in repr(settings)


def test_an_api_key_with_a_line_break_is_refused_without_showing_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={**USER, "JOBMOJITO_API_KEY": "anon\nX-Evil: 1"})

    assert str(caught.value) == (
        "JOBMOJITO_API_KEY holds a control or non-ASCII character (a line break or a pasted "
        "quote?); set it to the key alone"
    )


def test_a_secret_redacts_every_value_it_hides() -> None:
    secret = Secret("tok-abc", "pw-1", "", "tok-abcdef")

    assert secret.redact("tok-abcdef tok-abc pw-1 other") == "*** *** *** other"
    assert secret.reveal() == "tok-abc"
    assert repr(secret) == "Secret('***')"
    assert Settings(api_url="https://a.test", token=secret).password.redact("pw") == "pw"
