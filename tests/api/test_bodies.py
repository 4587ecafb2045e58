from __future__ import annotations

import pytest

from reconciler.api.bodies import page_items
from reconciler.api.bodies import template_from_item
from reconciler.errors import ApiError
from reconciler.live import Template


def test_page_items_skips_non_objects_and_reads_has_more() -> None:
    body = {"data": [{"id": "a"}, None, "b"], "pagination": {"has_more": True}}

    assert page_items(body, "merchant-interview-list") == ([{"id": "a"}], True)


def test_missing_or_null_pagination_means_last_page() -> None:
    assert page_items({"data": []}, "x") == ([], False)
    assert page_items({"data": [], "pagination": None}, "x") == ([], False)


def test_a_page_without_data_is_reported() -> None:
    with pytest.raises(ApiError) as caught:
        page_items({"items": []}, "merchant-avatar-list")

    assert str(caught.value) == (
        "merchant-avatar-list answered 200 with an unexpected body: no 'data' list"
    )


def test_template_tolerates_nulls_and_extra_keys() -> None:
    item = {"id": "t", "name": None, "type": None, "status": None, "media_url": "x"}

    assert template_from_item(item) == Template(
        id="t", name="", type="", status="", mojito_language_code=None
    )
