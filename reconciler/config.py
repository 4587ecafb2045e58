"""Settings: command-line flags > environment > reconciler.toml > defaults.

The API URL is the exception: it comes from `--api-url` or JOBMOJITO_API_URL only, since
the token goes wherever it points and a pull request can edit any file in the repository.

Stage: configuration, read once by the CLI before any API call. The only I/O is finding
and reading the nearest `reconciler.toml` from the spec folder upwards, so that a run from
any folder with any path to the same specs uses the same settings. Every problem is a
ConfigError that names its source (flag, environment variable or file) and the fix. The
API token, a service user's password and the API key are held in `Secret`s so that no
repr, log line or message can show them by accident.

Credentials come from the environment only: a token (JOBMOJITO_TOKEN or SUPABASE_JWT), or
a service user (JOBMOJITO_EMAIL + JOBMOJITO_PASSWORD) whose tokens the client renews. A
token given wins over a service user: it is the more specific instruction, and it lets
one run use another identity without touching the CI secrets.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import Final
from urllib.parse import urlsplit

from reconciler.errors import ConfigError

DEFAULT_API_URL: Final = "https://cool.jobmojito.com/functions/v1"
CONFIG_FILE_NAME: Final = "reconciler.toml"
TOKEN_ENV_VARS: Final = ("JOBMOJITO_TOKEN", "SUPABASE_JWT")
API_URL_ENV: Final = "JOBMOJITO_API_URL"
AUTH_URL_ENV: Final = "JOBMOJITO_AUTH_URL"
EMAIL_ENV: Final = "JOBMOJITO_EMAIL"
PASSWORD_ENV: Final = "JOBMOJITO_PASSWORD"
API_KEY_ENV: Final = "JOBMOJITO_API_KEY"
FUNCTIONS_PATH: Final = "/functions/v1"
AUTH_PATH: Final = "/auth/v1"
NAMESPACE_ENV: Final = "IAC_NAMESPACE"
PARALLELISM_ENV: Final = "IAC_PARALLELISM"
MAX_RPS_ENV: Final = "IAC_MAX_RPS"
CREATE_TIMEOUT_ENV: Final = "IAC_CREATE_TIMEOUT_S"
MAX_ANSWER_ENV: Final = "IAC_MAX_ANSWER_MIB"
REQUEST_DEADLINE_ENV: Final = "IAC_REQUEST_DEADLINE_S"
MAX_PARALLELISM: Final = 64
NAMESPACE_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REDACTED: Final = "***"
REPOSITORY_MARKER: Final = ".git"

# Keys reconciler.toml may hold, per table. Anything else is a typo worth reporting.
FILE_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "reconciler": (
        "namespace",
        "parallelism",
        "max_rps",
        "timeout_s",
        "create_timeout_s",
        "request_deadline_s",
        "max_answer_mib",
    ),
    "safety": ("max_destructive_share", "min_managed_for_threshold"),
}


class Secret:
    """A value that must never be shown: repr and str print `Secret('***')`.

    `also` are further values that `redact` hides with it (the other credentials of the
    same identity), so one object can clean a message of all of them.
    """

    __slots__ = ("_hidden", "_value")

    def __init__(self, value: str, *also: str) -> None:
        self._value = value
        # Longest first: a value that contains another is hidden whole, not in pieces.
        self._hidden = tuple(sorted({v for v in (value, *also) if v}, key=len, reverse=True))

    def reveal(self) -> str:
        return self._value

    def redact(self, text: str) -> str:
        """`text` with every occurrence of the secret (and of `also`) replaced by `***`."""
        for value in self._hidden:
            text = text.replace(value, REDACTED)
        return text

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Secret)
            and other._value == self._value
            and other._hidden == self._hidden
        )

    def __hash__(self) -> int:
        return hash(self._hidden)

    def __repr__(self) -> str:
        return f"Secret('{REDACTED}')"

    __str__ = __repr__


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to talk to the API and to judge a plan's safety."""

    api_url: str
    token: Secret
    """Empty when a service user signs in instead (`email` and `password`)."""
    # Empty: none configured. There is no fallback, as markers written under a guessed
    # namespace would make a second copy of every interview; load_settings refuses it.
    namespace: str = ""
    parallelism: int = 8
    max_rps: float | None = None
    """A hard ceiling on requests per second; None leaves the pace to the API's answers."""
    timeout_s: float = 30.0
    create_timeout_s: float = 120.0
    """For the creates, in which the API's AI writes the questions before answering."""
    request_deadline_s: float = 120.0
    """The whole of any other request: connect, send and the complete answer."""
    max_answer_mib: float = 16.0
    """The largest answer read, counted after decompression."""
    max_attempts: int = 5
    max_destructive_share: float = 0.30
    min_managed_for_threshold: int = 10
    email: str = ""
    """A service user's sign-in name; set only with `password` and without a token."""
    password: Secret = field(default_factory=lambda: Secret(""))
    auth_url: str = ""
    """Where a service user signs in (Supabase Auth); empty when no service user is set."""
    api_key: Secret = field(default_factory=lambda: Secret(""))
    """Sent as the `apikey` header on every request when set (the project's anon key)."""

    @property
    def uses_service_user(self) -> bool:
        return bool(self.email and self.password) and not self.token


@dataclass(frozen=True)
class _Raw:
    """One setting's value before validation, with where it came from (for messages)."""

    value: object
    source: str
    is_text: bool = False  # from the environment: a string still to be parsed


def find_config_file(start: Path) -> Path | None:
    """The nearest reconciler.toml from `start` (a folder, or a file's folder) upwards.

    The search stops at the repository root (the folder holding `.git`), or at the
    filesystem root outside a repository, so a parent project's file is never used.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_FILE_NAME
        if path.is_file():
            return path
        if (candidate / REPOSITORY_MARKER).exists():
            return None
    return None


def load_settings(
    start: Path,
    *,
    api_url: str | None = None,
    namespace: str | None = None,
    parallelism: int | None = None,
    max_rps: float | None = None,
    env: Mapping[str, str] = os.environ,
    require_token: bool = True,
    require_namespace: bool = True,
) -> Settings:
    """Settings from flags, then `env`, then the nearest reconciler.toml from `start`
    (find_config_file), then defaults. Without `require_namespace` (commands that never
    read or write markers) the namespace may stay unset."""
    config_file = find_config_file(start)
    raw = _file_values(config_file) if config_file is not None else {}
    raw.update(_env_values(env))
    flags = {
        "api_url": api_url,
        "namespace": namespace,
        "parallelism": parallelism,
        "max_rps": max_rps,
    }
    # An empty flag means the default, as an empty environment variable does.
    given = {k: v for k, v in flags.items() if v is not None and v != ""}
    raw.update({k: _Raw(v, f"--{k.replace('_', '-')}") for k, v in given.items()})
    url = _api_url(raw.get("api_url", _Raw(DEFAULT_API_URL, "the default")))
    token = _token(env)
    email, password = ("", Secret("")) if token else _service_user(env)
    if require_token and not token and not password:
        raise ConfigError(
            "no API credentials: set JOBMOJITO_TOKEN (or SUPABASE_JWT), or JOBMOJITO_EMAIL "
            "and JOBMOJITO_PASSWORD for a service user"
        )
    settings = Settings(
        api_url=url,
        token=token,
        email=email,
        password=password,
        auth_url=_auth_url(env, url) if password else "",
        api_key=_api_key(env),
        **_checked_values(raw),
    )
    if require_namespace and not settings.namespace:
        raise ConfigError(_no_namespace(start, config_file))
    return settings


def _no_namespace(start: Path, config_file: Path | None) -> str:
    where = (
        f"{config_file} has none"
        if config_file is not None
        else f"no {CONFIG_FILE_NAME} from {start} up to the repository root"
    )
    return (
        f'no namespace configured ({where}): add namespace = "..." under [reconciler] in '
        f"{CONFIG_FILE_NAME}, or set {NAMESPACE_ENV} / --namespace"
    )


def _checked_values(raw: Mapping[str, _Raw]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, check in _CHECKS.items():
        if name in raw:
            checked[name] = check(name, raw[name])
    return checked


def _file_values(path: Path) -> dict[str, _Raw]:
    if not path.is_file():
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
    values: dict[str, _Raw] = {}
    for table_name, table in document.items():
        known = FILE_KEYS.get(table_name)
        if known is None or not isinstance(table, dict):
            raise ConfigError(_unknown(path, f"table [{table_name}]", table_name, FILE_KEYS))
        for key, value in table.items():
            if table_name == "reconciler" and key in ("api_url", "auth_url"):
                raise ConfigError(_url_in_file(path, key))
            if key not in known:
                raise ConfigError(_unknown(path, f"key '{key}' in [{table_name}]", key, known))
            values[key] = _Raw(value, f"{path} [{table_name}] {key}")
    return values


def _url_in_file(path: Path, key: str) -> str:
    if key == "auth_url":
        what, instead = "the service user's password", AUTH_URL_ENV
    else:
        what, instead = "the API token", f"{API_URL_ENV} (or --api-url)"
    return (
        f"{path}: {key} is not read from {CONFIG_FILE_NAME}: a file in the repository can be "
        f"changed by a pull request, which would send {what} to another host before "
        f"anyone reviews it; remove the line and set {instead} instead"
    )


def _unknown(path: Path, what: str, name: str, known: Iterable[str]) -> str:
    message = f"{path}: unknown {what}"
    matches = difflib.get_close_matches(name, list(known), n=1)
    return f"{message} (did you mean '{matches[0]}'?)" if matches else message


def _env_values(env: Mapping[str, str]) -> dict[str, _Raw]:
    names = {
        "api_url": API_URL_ENV,
        "namespace": NAMESPACE_ENV,
        "parallelism": PARALLELISM_ENV,
        "max_rps": MAX_RPS_ENV,
        "create_timeout_s": CREATE_TIMEOUT_ENV,
        "request_deadline_s": REQUEST_DEADLINE_ENV,
        "max_answer_mib": MAX_ANSWER_ENV,
    }
    return {
        key: _Raw(env[var].strip(), var, is_text=True)
        for key, var in names.items()
        if env.get(var, "").strip()
    }


def _token(env: Mapping[str, str]) -> Secret:
    for name in TOKEN_ENV_VARS:
        value = env.get(name, "").strip()
        if value:
            return Secret(_header_value(name, value, "the token"))
    return Secret("")


def _api_key(env: Mapping[str, str]) -> Secret:
    value = env.get(API_KEY_ENV, "").strip()
    return Secret(_header_value(API_KEY_ENV, value, "the key") if value else "")


def _header_value(name: str, value: str, what: str) -> str:
    if not _is_header_safe(value):
        # Never quoted: the message must not carry any part of the value.
        raise ConfigError(
            f"{name} holds a control or non-ASCII character (a line break or a "
            f"pasted quote?); set it to {what} alone"
        )
    return value


def _service_user(env: Mapping[str, str]) -> tuple[str, Secret]:
    """JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD, both or neither.

    The password travels in a JSON body, so any character is fine; only the line break a
    secret store or `echo` appends is dropped, as nobody types one into a password."""
    email = env.get(EMAIL_ENV, "").strip()
    password = env.get(PASSWORD_ENV, "").strip("\r\n")
    if bool(email) != bool(password):
        given, missing = (EMAIL_ENV, PASSWORD_ENV) if email else (PASSWORD_ENV, EMAIL_ENV)
        raise ConfigError(
            f"{given} is set but {missing} is not: a service user needs both (or set "
            "JOBMOJITO_TOKEN instead)"
        )
    if email and not _is_header_safe(email):
        raise ConfigError(f"{EMAIL_ENV} holds a control or non-ASCII character; set it alone")
    return email, Secret(password)


def _auth_url(env: Mapping[str, str], api_url: str) -> str:
    """JOBMOJITO_AUTH_URL, else the API URL with its Edge Functions path replaced by
    Supabase Auth's (`.../functions/v1` -> `.../auth/v1`), else the API's origin + /auth/v1."""
    given = env.get(AUTH_URL_ENV, "").strip()
    if given:
        return _checked_url("auth_url", _Raw(given, AUTH_URL_ENV))
    if api_url.endswith(FUNCTIONS_PATH):
        return api_url[: -len(FUNCTIONS_PATH)] + AUTH_PATH
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}{AUTH_PATH}"


def _is_header_safe(token: str) -> bool:
    """Whether `token` can travel in a header as it is: printable ASCII only. A line break
    would start a header of the sender's choosing; other characters cannot be encoded."""
    return all(" " <= char <= "~" for char in token)


def _api_url(raw: _Raw) -> str:
    return _checked_url("api_url", raw)


def _checked_url(name: str, raw: _Raw) -> str:
    """`raw` as a URL fit to carry credentials: http(s), no userinfo, printable ASCII, and
    plain http:// only to loopback."""
    url = str(raw.value).strip().rstrip("/")
    if name == "api_url":
        example, only = DEFAULT_API_URL, "the API token comes from JOBMOJITO_TOKEN only"
    else:
        example = DEFAULT_API_URL.removesuffix(FUNCTIONS_PATH) + AUTH_PATH
        only = f"the service user comes from {EMAIL_ENV} and {PASSWORD_ENV} only"
    parts = urlsplit(url)
    if "@" in parts.netloc:
        # Not quoted: the user:password part is a credential, and httpx would send it
        # instead of the bearer token.
        raise ConfigError(
            f"{name} (from {raw.source}) holds user information (user:password@host); "
            f"remove it: {only}"
        )
    if not _is_header_safe(url):
        raise ConfigError(
            f"{name} (from {raw.source}) holds a control or non-ASCII character; "
            f"expected something like {example}"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{name} {url!r} (from {raw.source}) is not an http(s) URL; "
            f"expected something like {example}"
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(
            f"{name} {url!r} (from {raw.source}) uses plain http:// to a non-loopback host; "
            "use https:// (plain http:// is allowed only for localhost, 127.0.0.0/8 and ::1)"
        )
    return url


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _namespace(name: str, raw: _Raw) -> str:
    value = raw.value
    if not isinstance(value, str) or not NAMESPACE_PATTERN.match(value):
        raise ConfigError(
            f"{name} must be lower-case letters, digits and '-', starting with a letter or "
            f"digit, got {value!r} (from {raw.source})"
        )
    return value


def _whole(minimum: int, maximum: int | None) -> Callable[[str, _Raw], int]:
    limits = f"from {minimum} to {maximum}" if maximum is not None else f"of at least {minimum}"

    def check(name: str, raw: _Raw) -> int:
        value = _parsed(raw, int)
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < minimum
            or (maximum is not None and value > maximum)
        ):
            raise ConfigError(
                f"{name} must be a whole number {limits}, got {raw.value!r} (from {raw.source})"
            )
        return value

    return check


def _number(minimum: float, maximum: float | None) -> Callable[[str, _Raw], float]:
    limits = f"from {minimum:g} to {maximum:g}" if maximum is not None else f"above {minimum:g}"

    def check(name: str, raw: _Raw) -> float:
        number = _as_float(_parsed(raw, float))
        if number is None or not (
            number > minimum if maximum is None else minimum <= number <= maximum
        ):
            raise ConfigError(
                f"{name} must be a number {limits}, got {raw.value!r} (from {raw.source})"
            )
        return number

    return check


def _as_float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _parsed(raw: _Raw, parse: Callable[[str], object]) -> object:
    """An environment string parsed as `parse` wants; other values as given (None if bad)."""
    if not raw.is_text:
        return raw.value
    try:
        return parse(str(raw.value))
    except ValueError:
        return None


_CHECKS: Final[Mapping[str, Callable[[str, _Raw], Any]]] = {
    "namespace": _namespace,
    "parallelism": _whole(1, MAX_PARALLELISM),
    "max_rps": _number(0, None),
    "timeout_s": _number(0, None),
    "create_timeout_s": _number(0, None),
    "request_deadline_s": _number(0, None),
    "max_answer_mib": _number(0, None),
    "max_destructive_share": _number(0, 1),
    "min_managed_for_threshold": _whole(0, None),
}
