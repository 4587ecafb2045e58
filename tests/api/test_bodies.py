from __future__ import annotations

import pytest

from reconciler.api.bodies import page_items
from reconciler.api.bodies import template_from_item
from reconciler.errors import ApiError
from reconciler.live import Template


def test_page_items_reads_has_more() -> None:
    body = {"data": [{"id": "a"}], "pagination": {"has_more": True}}

    assert page_items(body, "merchant-interview-list") == ([{"id": "a"}], True)


@pytest.mark.parametrize("item", [None, "b", {"name": "no id"}, {"id": ""}, {"id": 7}])
def test_a_page_with_an_item_we_cannot_identify_is_refused(item: object) -> None:
    # Skipping it could hide a managed interview, and a plan would then create a duplicate.
    with pytest.raises(ApiError) as caught:
        page_items({"data": [{"id": "a"}, item]}, "merchant-interview-list")
    assert str(caught.value) == (
        "merchant-interview-list answered 200 with an unexpected body: a list item that is "
        "not an object with an id"
    )


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
