from __future__ import annotations

import pytest

from reconciler.lint.language import check_language
from reconciler.lint.language import detect_language
from tests.lint.builders import interview
from tests.lint.builders import question


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tell me about a time you had to change your plan.", "en"),
        ("Beschreiben Sie eine Situation, in der Sie wenig Zeit hatten.", "de"),
        ("Décrivez un projet dont vous êtes particulièrement fier.", "fr"),
        ("Describa una situación en la que tuvo que resolver un conflicto.", "es"),
        ("Descriva una situazione in cui ha dovuto risolvere un problema.", "it"),
        ("Beschrijf een situatie waarin je een conflict hebt opgelost.", "nl"),
        ("Descreva uma situação em que você resolveu um conflito.", "pt"),
        ("Beskriv en situation där du har löst en konflikt.", "sv"),
        ("Opisz sytuację, w której rozwiązałeś konflikt.", "pl"),
        ("Расскажите о вашем опыте работы.", "ru"),  # noqa: RUF001 (Cyrillic on purpose)
        ("Розкажіть про ваш досвід роботи.", "uk"),
        ("あなたの経験について教えてください。", "ja"),
        ("请介绍一下你的工作经验。", "zh"),
        ("Περιγράψτε την εμπειρία σας.", "el"),
    ],
)
def test_detects_confidently(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text", ["Why this role?", "Python, Docker, Kubernetes, Terraform, Ansible?", "Hmm"]
)
def test_short_or_ambiguous_text_is_not_detected(text: str) -> None:
    assert detect_language(text) is None


def test_question_in_another_language_is_a_warning() -> None:
    text = "Tell me about a time you had to change your plan."
    one = interview([question("q", text)], values={"mojito_language_code": "de"})
    (found,) = check_language(one)
    assert found.rule_id == "IAC501"
    assert found.message.startswith(
        'question 1 (key "q"): "Tell me about a time you had to chang..." looks like \'en\', '
        "but its "
        "language is 'de'; translate it or set the question's mojito_language_code. "
    )


def test_question_language_override_and_brazilian_portuguese() -> None:
    text = "Descreva uma situação em que você resolveu um conflito."
    overridden = question("q", text, mojito_language_code="br")
    assert (
        list(check_language(interview([overridden], values={"mojito_language_code": "en"}))) == []
    )


def test_languages_without_a_profile_and_interviews_without_a_language_are_skipped() -> None:
    text = "Tell me about a time you had to change your plan."
    assert list(check_language(interview([question("q", text)], values={}))) == []
    croatian = interview([question("q", text)], values={"mojito_language_code": "hr"})
    assert list(check_language(croatian)) == []
