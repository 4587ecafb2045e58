from __future__ import annotations

import pytest

from reconciler.lint.personal_data import check_personal_data
from reconciler.lint.personal_data import emails_in
from reconciler.lint.personal_data import is_phone_number
from reconciler.lint.personal_data import phone_numbers_in
from tests.lint.builders import interview
from tests.lint.builders import question


def test_email_finding_message() -> None:
    (found,) = check_personal_data(interview([question("q", "Mail ann@example.org first.")]))
    assert found.rule_id == "IAC201"
    assert found.message.startswith(
        'question 1 (key "q"): its text contains an email address ("ann@example.org"); put '
        "contact details in the interview's description or recruiter profile instead. "
        "Question text is shown"
    )


def test_emails_are_found_with_plus_and_subdomains() -> None:
    text = "Write to a.b+jobs@mail.example.co.uk or to x@y.io."
    assert emails_in(text) == ("a.b+jobs@mail.example.co.uk", "x@y.io")


@pytest.mark.parametrize(
    "candidate",
    ["+44 20 7946 0958", "030 1234567", "(555) 123-4567", "555-123-4567", "+33612345678"],
)
def test_phone_numbers(candidate: str) -> None:
    assert is_phone_number(candidate)


@pytest.mark.parametrize(
    "candidate",
    ["1 000 000", "10.000.000", "2019-2021", "2024-01-15", "15.01.2024", "1234567", "12345678"],
)
def test_numbers_that_are_not_phone_numbers(candidate: str) -> None:
    assert not is_phone_number(candidate)


def test_phone_numbers_in_text() -> None:
    assert phone_numbers_in("Call 0176 1234 5678 or lift 20 kg in 2024.") == ("0176 1234 5678",)
