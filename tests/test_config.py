from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.cli import main
from reconciler.config import DEFAULT_API_URL
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.config import find_config_file
from reconciler.config import load_settings
from reconciler.errors import ConfigError
from tests.api.scripted_server import answer_each
from tests.api.scripted_server import scripted_server

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
    assert (settings.request_deadline_s, settings.max_answer_mib) == (120, 16)
    assert (settings.max_destructive_share, settings.min_managed_for_threshold) == (0.30, 10)


def test_flags_beat_environment_which_beats_the_file(tmp_path: Path) -> None:
    write_toml(
        tmp_path,
        '[reconciler]\nnamespace = "from-file"\nparallelism = 2\nmax_rps = 5\ntimeout_s = 12.5\n',
    )
    env = {**ENV, "IAC_NAMESPACE": "from-env", "IAC_PARALLELISM": "3"}

    settings = load_settings(tmp_path, namespace="from-flag", env=env)

    assert settings.namespace == "from-flag"
    assert settings.parallelism == 3
    assert settings.max_rps == 5.0
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


def test_answer_bounds_come_from_the_environment_then_the_file(tmp_path: Path) -> None:
    write_toml(tmp_path, "[reconciler]\nmax_answer_mib = 4\nrequest_deadline_s = 45\n")

    settings = load_settings(tmp_path, env=ENV)
    assert (settings.max_answer_mib, settings.request_deadline_s) == (4.0, 45.0)
    env = {**ENV, "IAC_MAX_ANSWER_MIB": "0.5", "IAC_REQUEST_DEADLINE_S": "10"}
    settings = load_settings(tmp_path, env=env)
    assert (settings.max_answer_mib, settings.request_deadline_s) == (0.5, 10.0)


@pytest.mark.parametrize("name", ["max_answer_mib", "request_deadline_s"])
def test_an_answer_bound_must_be_positive(tmp_path: Path, name: str) -> None:
    path = write_toml(tmp_path, f"[reconciler]\n{name} = 0\n")

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env=ENV)

    assert str(caught.value) == (
        f"{name} must be a number above 0, got 0 (from {path} [reconciler] {name})"
    )


def test_api_url_in_the_file_is_refused_saying_why(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[reconciler]\nnamespace = "acme"\napi_url = "https://evil.test"\n')

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={**ENV, "JOBMOJITO_API_URL": ""})

    assert str(caught.value) == (
        f"{path}: api_url is not read from reconciler.toml: a file in the repository can be "
        "changed by a pull request, which would send the API token to another host before "
        "anyone reviews it; remove the line and set JOBMOJITO_API_URL (or --api-url) instead"
    )


def test_an_empty_api_url_means_the_default(tmp_path: Path) -> None:
    env = {**ENV, "JOBMOJITO_API_URL": "  "}

    assert load_settings(tmp_path, env=env).api_url == DEFAULT_API_URL
    assert load_settings(tmp_path, api_url="", env=env).api_url == DEFAULT_API_URL


@pytest.mark.parametrize(
    "token",
    [f"{TOKEN}\r\nX-Injected: 1", f"{TOKEN}\nX-Injected: 1", f"{TOKEN}\x00", f"{TOKEN}\u00e9"],
)
def test_a_token_that_cannot_travel_in_a_header_is_refused_unquoted(
    tmp_path: Path, token: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={**ENV, "JOBMOJITO_TOKEN": token})

    assert str(caught.value) == (
        "JOBMOJITO_TOKEN holds a control or non-ASCII character (a line break or a pasted "
        "quote?); set it to the token alone"
    )
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["https://user:pa55word@api.example.com", "http://pa55word@127.0.0.1:8080"]
)
def test_a_url_with_user_information_is_refused_unquoted(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, env={**ENV, "JOBMOJITO_API_URL": url})

    assert str(caught.value) == (
        "api_url (from JOBMOJITO_API_URL) holds user information (user:password@host); "
        "remove it: the API token comes from JOBMOJITO_TOKEN only"
    )
    assert "pa55word" not in str(caught.value)


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

    assert str(caught.value) == (
        "no API credentials: set JOBMOJITO_TOKEN (or SUPABASE_JWT), or JOBMOJITO_EMAIL and "
        "JOBMOJITO_PASSWORD for a service user"
    )


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


# Over the CLI, against a loopback server that records whatever reaches it: a pull request
# that edits reconciler.toml, or a token with a line break, must send it nothing.
TEMPLATES = (
    b'HTTP/1.1 200 OK\r\nContent-Length: 47\r\n\r\n{"data": [], "pagination": {"has_more": false}}'
)


def _run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path, *args: str
) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_pull_request_pointing_reconciler_toml_elsewhere_sends_the_token_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    monkeypatch.setenv("JOBMOJITO_API_URL", "")  # the workflow's unset repository variable
    with scripted_server(answer_each(TEMPLATES)) as (url, received):
        write_toml(tmp_path, f'[reconciler]\nnamespace = "acme"\napi_url = "{url}"\n')
        code, output = _run_cli(monkeypatch, capsys, tmp_path, "templates")

    assert received == []
    assert code == 1
    assert output.startswith("error: ") and "api_url is not read from reconciler.toml" in output
    assert output.count("\n") == 1 and TOKEN not in output


@pytest.mark.parametrize(
    "token",
    [f"{TOKEN}\r\nX-Injected: yes", f"{TOKEN}\nX-Injected: yes", f"{TOKEN}\u2019"],
    ids=["crlf", "lf", "non-ascii"],
)
def test_a_token_that_would_inject_a_header_is_never_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], token: str
) -> None:
    monkeypatch.setenv("JOBMOJITO_TOKEN", token)
    with scripted_server(answer_each(TEMPLATES)) as (url, received):
        monkeypatch.setenv("JOBMOJITO_API_URL", url)
        code, output = _run_cli(monkeypatch, capsys, tmp_path, "templates")

    assert received == []
    assert code == 1
    assert output.startswith("error: JOBMOJITO_TOKEN holds a control or non-ASCII character")
    assert output.count("\n") == 1 and TOKEN not in output


def test_the_cli_reaches_the_server_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    with scripted_server(answer_each(TEMPLATES)) as (url, received):
        monkeypatch.setenv("JOBMOJITO_API_URL", url)
        code, _ = _run_cli(monkeypatch, capsys, tmp_path, "templates")

    assert code == 0
    assert len(received) == 1
    assert f"Authorization: Bearer {TOKEN}\r\n".encode() in received[0]
