"""`interviews emulator`: serve the local JobMojito emulator until Ctrl-C."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from typing import Final

import typer

from reconciler.cli.app import app
from reconciler.emulator import DEFAULT_TOKEN
from reconciler.emulator import FAULT_KINDS
from reconciler.emulator import QUIRK_NAMES
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator import Quirks
from reconciler.emulator import parse_quirks
from reconciler.emulator.gateway import DEFAULT_TOKEN_TTL_S
from reconciler.emulator.gateway import GatewayConfig
from reconciler.emulator.gateway import parse_login
from reconciler.emulator.server import serve
from reconciler.errors import ConfigError

_QUIRK_HELP: Final = (
    "Play a reading of the real API that its OpenAPI document leaves open: NAME or "
    f"NAME=SECONDS, repeatable; one of {', '.join(QUIRK_NAMES)}."
)


@app.command()
def emulator(
    host: str = typer.Option("127.0.0.1", help="Loopback address to listen on."),
    port: int = typer.Option(8787, help="Port to listen on (0: any free port)."),
    data: str = typer.Option(
        ".emulator.sqlite3", help="SQLite file kept across runs (:memory: keeps nothing)."
    ),
    token: str | None = typer.Option(
        None, help="Accept only this bearer token (default: any non-empty token)."
    ),
    latency_ms: str = typer.Option("0", help="Delay per request: MS, or a range LOW-HIGH."),
    fault_rate: float = typer.Option(0.0, help="Share of requests (0 to 1) that meet a fault."),
    fault_kinds: str = typer.Option(",".join(FAULT_KINDS), help="Comma-separated fault kinds."),
    retry_after: float = typer.Option(1.0, help="Retry-After seconds sent with a 429."),
    seed: int = typer.Option(0, help="Seed for the fault draws (same seed, same faults)."),
    rate_limit: float | None = typer.Option(
        None, help="Answer 429 beyond this many requests per second (default: no limit)."
    ),
    quirk: Annotated[list[str] | None, typer.Option("--quirk", help=_QUIRK_HELP)] = None,
    apikey: str | None = typer.Option(
        None, help="Require this `apikey` header on every request, as Supabase's gateway does."
    ),
    login: Annotated[
        list[str] | None,
        typer.Option(
            "--login",
            metavar="EMAIL:PASSWORD",
            help="A service user for the password sign-in at /auth/v1/token (repeatable); "
            "then only the tokens it issues are accepted.",
        ),
    ] = None,
    token_ttl: float = typer.Option(
        DEFAULT_TOKEN_TTL_S, help="Seconds an issued token is accepted.", min=0.001
    ),
) -> None:
    """Serve a local JobMojito API stand-in on loopback (Ctrl-C stops it)."""
    faults = _fault_config(latency_ms, fault_rate, fault_kinds, retry_after, seed, rate_limit)
    quirks = _quirks(quirk or [])
    gateway = _gateway(apikey, login or [], token_ttl)
    emu = Emulator(
        None if data == ":memory:" else Path(data),
        token=token,
        faults=faults,
        seed=seed,
        quirks=quirks,
        gateway=gateway,
    )
    try:
        server = serve(emu, host, port)
    except (ValueError, OSError) as exc:
        raise ConfigError(f"cannot start the emulator on {host}:{port}: {exc}") from None
    typer.echo(f"JobMojito emulator listening on {server.url}")
    if quirk:
        typer.echo(f"playing quirks (not the documented API): {', '.join(quirk)}")
    typer.echo(_exports(server.url, token, gateway))
    try:
        server.wait()
    except KeyboardInterrupt:
        typer.echo("emulator stopped")
    finally:
        server.shutdown()
        server.server_close()
        emu.close()


def _gateway(apikey: str | None, logins: list[str], token_ttl: float) -> GatewayConfig:
    pairs: dict[str, str] = {}
    for value in logins:
        try:
            email, password = parse_login(value)
        except ValueError:
            # Not quoted: the value holds a password.
            raise ConfigError("--login: expected EMAIL:PASSWORD") from None
        pairs[email] = password
    return GatewayConfig(apikey=apikey or None, logins=pairs, token_ttl_s=token_ttl)


def _exports(url: str, token: str | None, gateway: GatewayConfig) -> str:
    """The environment a client needs. A password or key given on the command line is
    named, not repeated, so that the output can be shown or logged."""
    if not gateway.logins:
        line = f"export JOBMOJITO_API_URL={url} JOBMOJITO_TOKEN={token or DEFAULT_TOKEN}"
    else:
        email = next(iter(gateway.logins))
        line = f"export JOBMOJITO_API_URL={url} JOBMOJITO_EMAIL={email}"
        line += "\nand JOBMOJITO_PASSWORD set to the password given to --login"
    if gateway.apikey:
        line += "\nand JOBMOJITO_API_KEY set to the key given to --apikey"
    return line


def _quirks(values: list[str]) -> Quirks:
    try:
        return parse_quirks(values)
    except ValueError as exc:
        raise ConfigError(f"--quirk: {exc}") from None


def _fault_config(
    latency_ms: str,
    rate: float,
    kinds: str,
    retry_after: float,
    seed: int,
    rate_limit: float | None = None,
) -> FaultConfig:
    try:
        low, _, high = latency_ms.partition("-")
        latency: float | tuple[float, float] = (float(low), float(high)) if high else float(low)
        names = tuple(kind.strip() for kind in kinds.split(",") if kind.strip())
        return FaultConfig(rate, names, latency, retry_after, seed, rate_limit)
    except ValueError as exc:
        raise ConfigError(f"bad fault options: {exc}") from None
