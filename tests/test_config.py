from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.config import DEFAULT_API_URL
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.config import find_config_file
from reconciler.config import load_settings
from reconciler.errors import ConfigError

TOKEN = "tok-3f9a7c"
ENV = {"JOBMOJITO_TOKEN": TOKEN, "IAC_NAMESPACE": "acme"}


@pytest.fixture(autouse=True)
def repository(tmp_path: Path) -> None:
    """tmp_path is a repository root, so no reconciler.toml above it takes part."""
    (tmp_path / ".git").mkdir()


def write_toml(root: Path, text: str) -> Path:
    path = root / "reconciler.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_only_token_and_namespace_are_configured(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env=ENV)

    assert settings == Settings(api_url=DEFAULT_API_URL, token=Secret(TOKEN), namespace="acme")
    assert (settings.parallelism, settings.max_rps) == (8, None)
    assert (settings.timeout_s, settings.create_timeout_s, settings.max_attempts) == (30, 120, 5)
    assert (settings.max_destructive_share, settings.min_managed_for_threshold) == (0.30, 10)


def test_flags_beat_environment_which_beats_the_file(tmp_path: Path) -> None:
    write_toml(
        tmp_path,
        '[reconciler]\nnamespace = "from-file"\nparallelism = 2\nmax_rps = 5\n'
        'api_url = "https://file.example"\ntimeout_s = 12.5\n',
    )
    env = {**ENV, "IAC_NAMESPACE": "from-env", "IAC_PARALLELISM": "3"}

    settings = load_settings(tmp_path, namespace="from-flag", env=env)

    assert settings.namespace == "from-flag"
    assert settings.parallelism == 3
    assert settings.max_rps == 5.0
    assert settings.api_url == "https://file.example"
    assert settings.timeout_s == 12.5


def test_create_timeout_comes_from_the_environment_then_the_file(tmp_path: Path) -> None:
    write_toml(tmp_path, "[reconciler]\ncreate_timeout_s = 90\n")

    assert load_settings(tmp_path, env=ENV).create_timeout_s == 90.0
    env = {**ENV, "IAC_CREATE_TIMEOUT_S": "180"}
    assert load_settings(tmp_path, env=env).create_timeout_s == 180.0


def test_environment_api_url_and_flag_api_url(tmp_path: Path) -> None:
    env = {**ENV, "JOBMOJITO_API_URL": "https://env.example/v1/"}

    assert load_settings(tmp_path, env=env).api_url == "https://env.example/v1"
    flagged = load_settings(tmp_path, api_url="http://127.0.0.1:8080", env=env)
    assert flagged.api_url == "http://127.0.0.1:8080"


def test_safety_table_is_read(tmp_path: Path) -> None:
    write_toml(tmp_path, "[safety]\nmax_destructive_share = 0.5\nmin_managed_for_threshold = 4\n")

    settings = load_settings(tmp_path, env=ENV)

    assert (settings.max_destructive_share, settings.min_managed_for_threshold) == (0.5, 4)


def test_supabase_jwt_is_accepted_and_jobmojito_token_wins(tmp_path: Path) -> None:
    jwt_only = {"SUPABASE_JWT": "jwt", "IAC_NAMESPACE": "acme"}
    assert load_settings(tmp_path, env=jwt_only).token.reveal() == "jwt"
    both = {**jwt_only, "JOBMOJITO_TOKEN": TOKEN}
    assert load_settings(tmp_path, env=both).token.reveal() == TOKEN


def test_missing_token_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={"JOBMOJITO_TOKEN": "  "})

    assert str(caught.value) == "no API token: set JOBMOJITO_TOKEN (or SUPABASE_JWT)"


def test_token_and_namespace_are_optional_when_not_required(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env={}, require_token=False, require_namespace=False)

    assert not settings.token
    assert settings.token.redact("text") == "text"
    assert settings.namespace == ""


def test_no_namespace_anywhere_is_an_error_saying_how_to_set_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "interviews", env={"JOBMOJITO_TOKEN": TOKEN})

    assert str(caught.value) == (
        f"no namespace configured (no reconciler.toml from {tmp_path / 'interviews'} up to "
        'the repository root): add namespace = "..." under [reconciler] in reconciler.toml, '
        "or set IAC_NAMESPACE / --namespace"
    )


def test_a_file_without_namespace_is_named_in_the_error(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[reconciler]\nparallelism = 2\n")

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={"JOBMOJITO_TOKEN": TOKEN})

    assert str(caught.value).startswith(f"no namespace configured ({path} has none): add ")


def test_the_nearest_file_from_the_spec_folder_up_wins(tmp_path: Path) -> None:
    write_toml(tmp_path, '[reconciler]\nnamespace = "root"\n')
    team = tmp_path / "team"
    (team / "specs").mkdir(parents=True)
    write_toml(team, '[reconciler]\nnamespace = "team"\n')
    (team / "specs" / "one.yaml").write_text("name: One\n")
    (tmp_path / "other").mkdir()
    token_only = {"JOBMOJITO_TOKEN": TOKEN}

    assert load_settings(team / "specs", env=token_only).namespace == "team"
    assert load_settings(team / "specs" / "one.yaml", env=token_only).namespace == "team"
    assert load_settings(tmp_path / "other", env=token_only).namespace == "root"
    assert load_settings(tmp_path, env=token_only).namespace == "root"


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write_toml(tmp_path, '[reconciler]\nnamespace = "outside"\n')
    inner = tmp_path / "vendored" / "repo"
    (inner / ".git").mkdir(parents=True)
    (inner / "interviews").mkdir()

    assert find_config_file(inner / "interviews") is None
    assert find_config_file(tmp_path / "vendored") == tmp_path / "reconciler.toml"


def test_outside_a_repository_the_search_goes_up_to_the_filesystem_root(tmp_path: Path) -> None:
    (tmp_path / ".git").rmdir()
    path = write_toml(tmp_path, '[reconciler]\nnamespace = "acme"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)

    assert find_config_file(tmp_path / "a" / "b") == path


def test_secret_never_shows_its_value() -> None:
    secret = Secret(TOKEN)
    settings = Settings(api_url=DEFAULT_API_URL, token=secret)

    assert repr(secret) == str(secret) == "Secret('***')"
    assert TOKEN not in repr(settings)
    assert TOKEN not in f"{settings}"
    assert secret.redact(f"Bearer {TOKEN} and {TOKEN}") == "Bearer *** and ***"


@pytest.mark.parametrize(
    "url",
    ["http://localhost:54321", "http://127.0.0.1/functions/v1", "http://[::1]:8000"],
)
def test_plain_http_is_allowed_to_loopback(tmp_path: Path, url: str) -> None:
    assert load_settings(tmp_path, api_url=url, env=ENV).api_url == url


def test_plain_http_to_another_host_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={**ENV, "JOBMOJITO_API_URL": "http://api.example.com"})

    assert str(caught.value) == (
        "api_url 'http://api.example.com' (from JOBMOJITO_API_URL) uses plain http:// to a "
        "non-loopback host; use https:// (plain http:// is allowed only for localhost, "
        "127.0.0.0/8 and ::1)"
    )


def test_a_url_without_scheme_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, api_url="cool.jobmojito.com", env=ENV)

    assert str(caught.value) == (
        "api_url 'cool.jobmojito.com' (from --api-url) is not an http(s) URL; "
        f"expected something like {DEFAULT_API_URL}"
    )


def test_unknown_key_names_file_key_and_suggestion(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[reconciler]\nparalelism = 4\n")

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env=ENV)

    assert str(caught.value) == (
        f"{path}: unknown key 'paralelism' in [reconciler] (did you mean 'parallelism'?)"
    )


def test_unknown_table_is_reported(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[saftey]\nmax_destructive_share = 0.1\n")

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env=ENV)

    assert str(caught.value) == f"{path}: unknown table [saftey] (did you mean 'safety'?)"


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[reconciler\n")

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env=ENV)

    assert str(caught.value).startswith(f"{path}: cannot read the configuration: ")


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        (
            '[reconciler]\nnamespace = "Team_A"\n',
            {},
            "namespace must be lower-case letters, digits and '-', starting with a letter or "
            "digit, got 'Team_A' (from {path} [reconciler] namespace)",
        ),
        (
            "",
            {"IAC_PARALLELISM": "many"},
            "parallelism must be a whole number from 1 to 64, got 'many' (from IAC_PARALLELISM)",
        ),
        (
            "[reconciler]\nparallelism = 0\n",
            {},
            "parallelism must be a whole number from 1 to 64, got 0 "
            "(from {path} [reconciler] parallelism)",
        ),
        (
            "",
            {"IAC_MAX_RPS": "0"},
            "max_rps must be a number above 0, got '0' (from IAC_MAX_RPS)",
        ),
        (
            "",
            {"IAC_CREATE_TIMEOUT_S": "soon"},
            "create_timeout_s must be a number above 0, got 'soon' (from IAC_CREATE_TIMEOUT_S)",
        ),
        (
            "[reconciler]\ntimeout_s = true\n",
            {},
            "timeout_s must be a number above 0, got True (from {path} [reconciler] timeout_s)",
        ),
        (
            "[safety]\nmax_destructive_share = 1.5\n",
            {},
            "max_destructive_share must be a number from 0 to 1, got 1.5 "
            "(from {path} [safety] max_destructive_share)",
        ),
        (
            "[safety]\nmin_managed_for_threshold = -1\n",
            {},
            "min_managed_for_threshold must be a whole number of at least 0, got -1 "
            "(from {path} [safety] min_managed_for_threshold)",
        ),
    ],
)
def test_bad_values_name_their_source(
    tmp_path: Path, toml: str, env: dict[str, str], message: str
) -> None:
    path = write_toml(tmp_path, toml)

    with pytest.raises(ConfigError) as caught:  # values are checked before the namespace
        load_settings(tmp_path, env={"JOBMOJITO_TOKEN": TOKEN, **env})

    assert str(caught.value) == message.format(path=path)


def test_bad_flag_value_names_the_flag(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, max_rps=-2.0, env=ENV)

    assert str(caught.value) == "max_rps must be a number above 0, got -2.0 (from --max-rps)"
