"""Spec files written by code, for soak, kill and benchmark runs."""

from __future__ import annotations

from pathlib import Path

HEADER = "# yaml-language-server: $schema=../schemas/interview.schema.json\n"


def spec_text(index: int, *, questions: int = 5, language: str = "en", edit: str = "") -> str:
    """A valid own-question spec; `edit` is appended to every question's text."""
    lines = [
        HEADER,
        f"name: Generated interview {index}\n",
        "location: Remote\n",
        f"mojito_language_code: {language}\n",
        "template: Ava\n",
        "status: active\n",
        f"description: Interview number {index} made by the spec generator.\n",
        "questions:\n",
    ]
    for number in range(questions):
        lines.append(f"  - key: q{number}\n")
        lines.append(f"    question: Question {number} of interview {index}?{edit}\n")
    return "".join(lines)


def write_specs(
    folder: Path,
    indexes: range | list[int],
    *,
    questions: int = 5,
    language: str = "en",
    edit: str = "",
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in indexes:
        text = spec_text(index, questions=questions, language=language, edit=edit)
        (folder / f"generated-{index:05d}.yaml").write_text(text, encoding="utf-8")


def mutate_mixed(folder: Path, total: int) -> None:
    """Of `total` specs: a fifth edited, a fifth relanguaged (recreate), a fifth deleted
    (archive), and a fifth as many new ones (create); the rest stay."""
    fifth = max(1, total // 5)
    for index in range(0, fifth):
        write_specs(folder, [index], edit=" (edited)")
    for index in range(fifth, 2 * fifth):
        write_specs(folder, [index], language="fr")
    for index in range(2 * fifth, 3 * fifth):
        (folder / f"generated-{index:05d}.yaml").unlink()
    write_specs(folder, range(total, total + fifth))
