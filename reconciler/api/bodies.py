"""Reading successful response bodies: list pages and templates. Pure: no I/O.

The API may return null for any field and add keys we do not know (API-FACTS section 1),
so readers use `.get` and tolerate both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reconciler.errors import ApiError
from reconciler.live import Template


def page_items(body: Mapping[str, Any], endpoint: str) -> tuple[list[dict[str, Any]], bool]:
    """The items of one list page and whether the API says more pages follow."""
    data = body.get("data")
    if not isinstance(data, list):
        raise shape_error(endpoint, "no 'data' list")
    items = [item for item in data if isinstance(item, dict)]
    if len(items) != len(data) or not all(isinstance(i.get("id"), str) and i["id"] for i in items):
        raise shape_error(endpoint, "a list item that is not an object with an id")
    pagination = body.get("pagination")
    has_more = isinstance(pagination, dict) and pagination.get("has_more") is True
    return items, has_more


def template_from_item(item: Mapping[str, Any]) -> Template:
    """A merchant-avatar-list item as a Template (null name or type become "")."""
    language = item.get("mojito_language_code")
    return Template(
        id=str(item.get("id") or ""),
        name=str(item.get("name") or ""),
        type=str(item.get("type") or ""),
        status=str(item.get("status") or ""),
        mojito_language_code=str(language) if language else None,
    )


def shape_error(endpoint: str, what: str) -> ApiError:
    return ApiError(f"{endpoint} answered 200 with an unexpected body: {what}", endpoint=endpoint)
