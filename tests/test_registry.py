from __future__ import annotations

from reconciler import registry
from reconciler.registry import UNMANAGED
from reconciler.registry import How


def test_spec_names_are_unique() -> None:
    names = [field.spec for field in registry.INTERVIEW_FIELDS]
    assert len(names) == len(set(names))


def test_create_only_fields_are_not_readable_and_not_updatable() -> None:
    for field in registry.FINGERPRINTED:
        assert field.read is None, field.spec
        assert not field.in_update, field.spec


def test_in_place_fields_are_readable_and_updatable() -> None:
    for field in registry.INTERVIEW_FIELDS:
        if field.how is How.IN_PLACE:
            assert field.read is not None and field.in_update, field.spec


def test_renamed_fields_read_from_their_get_names() -> None:
    by_spec = registry.INTERVIEW_BY_SPEC
    assert by_spec["location"].read == ("interview_location",)
    assert by_spec["description_long"].read == ("interview_description_long",)
    assert by_spec["interview_attempts"].read == ("result_scoring", "max_retries")
    assert by_spec["interview_type"].read == ("creation_parameters", "interview_type")


def test_unmanaged_is_a_singleton() -> None:
    assert registry.Unmanaged() is UNMANAGED
    assert repr(UNMANAGED) == "UNMANAGED"


def test_cap_for_duration_is_one_question_per_two_minutes() -> None:
    assert registry.cap_for_duration(1200) == 10
    assert registry.cap_for_duration(2700) == 22
    assert registry.cap_for_duration(4800) == 40
    assert registry.cap_for_duration(99999) == 40
    assert registry.cap_for_duration(60) == 1
