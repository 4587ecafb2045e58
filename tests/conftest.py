"""Shared test fixtures.

The real JobMojito OpenAPI spec is proprietary reference data: it is read at run time
from ../shared/reference (or $IAC_REFERENCE_DIR) and never copied into the project.
Tests that need it use the `openapi_spec` fixture and are skipped when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = Path(os.environ.get("IAC_REFERENCE_DIR", REPO_ROOT.parent / "shared" / "reference"))


def _load_reference(name: str) -> dict[str, Any]:
    path = REFERENCE_DIR / name
    if not path.is_file():
        pytest.skip(f"reference file {name} not found in {REFERENCE_DIR}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def openapi_spec() -> dict[str, Any]:
    """The real JobMojito OpenAPI document (skips the test when it is not available)."""
    return _load_reference("jobmojito-openapi.json")


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 JSON schema (skips the test when it is not available)."""
    return _load_reference("sarif-schema-2.1.0.json")
