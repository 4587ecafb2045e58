"""The read endpoints: job-interview-get, merchant-interview-list, merchant-avatar-list
and platform-languages-list. They never write.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from reconciler.emulator import records
from reconciler.emulator import rules
from reconciler.emulator.catalog import LANGUAGES
from reconciler.emulator.catalog import TEMPLATES
from reconciler.emulator.catalog import language_item
from reconciler.emulator.catalog import template_item
from reconciler.emulator.context import Context
from reconciler.emulator.validation import ApiProblem
from reconciler.emulator.validation import validate_query

JSON = dict[str, Any]
DEFAULT_LIMIT = 50


def get(context: Context, query: Mapping[str, str]) -> JSON:
    """One interview definition (without its id), or 404."""
    params = validate_query(query, rules.GET_QUERY)
    document = context.store.get(params["position_id"])
    if document is None:
        raise ApiProblem(404, f"no interview or position with id {params['position_id']}")
    return records.get_view(document)


def interview_list(context: Context, query: Mapping[str, str]) -> JSON:
    """The merchant's interviews of one type, newest-updated first."""
    params = validate_query(query, rules.INTERVIEW_LIST_QUERY)
    kind, status = params.get("type", "interview"), params.get("status")
    limit, offset = params.get("limit", DEFAULT_LIMIT), params.get("offset", 0)
    if "filter_text" not in params and "filter_emoji" not in params:
        page = context.store.page(kind, status, limit, offset)
        return _page([records.list_item(doc) for doc in page.documents], page.total, limit, offset)
    items = [records.list_item(doc) for doc in context.store.all_of(kind, status)]
    items = [item for item in items if _matches(item, params)]
    return _page(items[offset : offset + limit], len(items), limit, offset)


def avatar_list(context: Context, query: Mapping[str, str]) -> JSON:
    """The seeded templates, filtered; all are active, so status filters other than
    `active` find nothing."""
    params = validate_query(query, rules.AVATAR_LIST_QUERY)
    limit, offset = params.get("limit", DEFAULT_LIMIT), params.get("offset", 0)
    items = [template_item(template, index) for index, template in enumerate(TEMPLATES)]
    items = [item for item in items if _template_matches(item, params)]
    return _page(items[offset : offset + limit], len(items), limit, offset)


def languages(context: Context, query: Mapping[str, str]) -> JSON:
    """The 34 platform languages."""
    validate_query(query, rules.NO_QUERY)
    return {"languages": [language_item(language) for language in LANGUAGES]}


def _matches(item: JSON, params: Mapping[str, Any]) -> bool:
    text = str(params.get("filter_text", "")).casefold()
    if text and text not in str(item["name"] or "").casefold():
        return False
    return "filter_emoji" not in params or item["emoji"] == params["filter_emoji"]


def _template_matches(item: JSON, params: Mapping[str, Any]) -> bool:
    for key in ("type", "status", "mojito_language_code"):
        if key in params and item[key] != params[key]:
            return False
    text = str(params.get("filter_text", "")).casefold()
    searched = f"{item['name']} {item['video_voice_language_name']}".casefold()
    return text in searched


def _page(items: Sequence[JSON], total: int, limit: int, offset: int) -> JSON:
    pagination = {
        "total": total,
        "limit": limit,
        "offset": offset,
        "has_more": offset + len(items) < total,
    }
    return {"data": list(items), "pagination": pagination}
