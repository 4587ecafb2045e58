"""Questions: building stored questions, the update endpoint's diff, and generation.

The diff follows API-FACTS section 5 rule 2: each sent entry is matched against the
stored questions by `external_id`, then `id`, then identical text; unchanged matches are
kept, changed ones replaced by a new record, unmatched entries added and unmatched stored
questions removed. Generation is deterministic (a hash of the description), standing in
for the real API's AI. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Final

from reconciler.emulator.validation import invalid

QUESTION_FLAGS: Final = (
    "is_conditional",
    "is_without_scoring",
    "is_candidate_asking_recruiter",
    "is_expert",
    "is_multiple_choice",
)
QUESTION_KEYS: Final = (
    "question",
    "id",
    "duration",
    "mojito_language_code",
    "label",
    *QUESTION_FLAGS,
    "question_alternatives",
    "conditional_question_main_id",
    "knowledge_base_id",
    "external_id",
    "external_data",
    "candidate_expectations_json",
)
_PARENT: Final = "conditional_question_main_id"
Question = dict[str, Any]


@dataclass
class QuestionsDiff:
    """What an update did to the question list (the spec's questions_diff, plus order)."""

    kept: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    replaced: list[dict[str, str]] = field(default_factory=list)
    reordered: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.replaced or self.reordered)


def new_question(entry: Question, inherit: Question | None = None) -> Question:
    """A stored question with a fresh id: `inherit`'s values (or defaults) overlaid by entry."""
    base: Question = dict(inherit) if inherit else dict.fromkeys(QUESTION_KEYS)
    if inherit is None:
        base.update({flag: False for flag in QUESTION_FLAGS})
    base.update({key: value for key, value in entry.items() if key != "id"})
    base["id"] = str(uuid.uuid4())
    return base


def build_questions(entries: Sequence[Question]) -> list[Question]:
    """Stored questions for a create: entry ids are local handles for conditional parents."""
    handles: dict[str, str] = {}
    built: list[Question] = []
    for index, entry in enumerate(entries):
        question = new_question(_with_parent_resolved(entry, handles, index))
        if entry.get("id"):
            handles[entry["id"]] = question["id"]
        built.append(question)
    return built


def apply_question_list(
    stored: Sequence[Question], entries: Sequence[Question]
) -> tuple[list[Question], QuestionsDiff]:
    """The new stored list for a sent (complete, ordered) list, and what changed."""
    unmatched = list(stored)
    handles: dict[str, str] = {}
    diff = QuestionsDiff()
    result: list[Question] = []
    for index, entry in enumerate(entries):
        old = _match(entry, unmatched)
        resolved = _with_parent_resolved(entry, handles, index)
        question = _apply_entry(resolved, old, diff)
        for handle in (entry.get("id"), old and old["id"]):
            if handle:
                handles[handle] = question["id"]
        result.append(question)
    diff.removed = [question["id"] for question in unmatched]
    diff.reordered = [q["id"] for q in result] != [q["id"] for q in stored]
    return result, diff


def _apply_entry(entry: Question, old: Question | None, diff: QuestionsDiff) -> Question:
    if old is None:
        question = new_question(entry)
        diff.added.append(question["id"])
        return question
    merged = {**old, **{key: value for key, value in entry.items() if key != "id"}}
    if merged == old:
        diff.kept.append(old["id"])
        return old
    question = new_question(entry, old)
    diff.replaced.append({"from": old["id"], "to": question["id"]})
    return question


def _match(entry: Question, unmatched: list[Question]) -> Question | None:
    for key in ("external_id", "id", "question"):
        wanted = entry.get(key)
        if wanted is None:
            continue
        for candidate in unmatched:
            if candidate.get(key) == wanted:
                unmatched.remove(candidate)
                return candidate
    return None


def _with_parent_resolved(entry: Question, handles: dict[str, str], index: int) -> Question:
    parent = entry.get(_PARENT)
    if parent is None:
        return entry
    if parent not in handles:
        raise invalid(f"questions[{index}].{_PARENT}", "must be the id of an earlier question")
    return {**entry, _PARENT: handles[parent]}


# --- deterministic generation (stands in for the AI) ---------------------------------

_PROMPTS: Final = (
    "Tell us about your experience with {topic}.",
    "Describe a situation where {topic} was critical to your work. What did you do?",
    "How do you keep your knowledge of {topic} up to date?",
    "What is the hardest problem you have solved involving {topic}?",
    "How would you explain {topic} to a new colleague?",
    "Which mistakes do people often make with {topic}, and how do you avoid them?",
    "Walk us through how you would plan a week that involves {topic}.",
    "How do you measure success when working on {topic}?",
)
_STOP_WORDS: Final = frozenset(
    ("about", "above", "after", "again", "their", "there", "these", "those", "which", "while",
     "would", "could", "should", "other", "every", "being", "where", "yours", "under")
)  # fmt: skip


def question_count(requested: int | None, max_duration: float, seed_text: str) -> int:
    """How many questions to generate: the request (or 5-8), capped at one per 2 minutes."""
    cap = max(1, min(40, int(max_duration // 120)))
    wanted = requested if requested is not None else 5 + _digest(seed_text) % 4
    return min(wanted, cap)


def generate_questions(name: str, description: str, count: int) -> list[str]:
    """`count` question texts derived from the words of the description (or the name)."""
    topics = _topics(description) or _topics(name) or ["this role"]
    start = _digest(description + name)
    return [
        _PROMPTS[(start + index) % len(_PROMPTS)].format(topic=topics[index % len(topics)])
        for index in range(count)
    ]


def derive_expectations(texts: Sequence[str]) -> dict[str, list[str]]:
    """A rubric (weak / moderate / strong) derived from question texts."""
    short = [text.rstrip("?.").lower() for text in texts][:5]
    return {
        "weak": [f"Gives a vague answer to: {text}" for text in short[:2]],
        "moderate": [f"Answers with one concrete example: {text}" for text in short[:2]],
        "strong": [f"Answers with measurable results: {text}" for text in short[:2]],
    }


def _topics(text: str) -> list[str]:
    words = [word.lower() for word in re.findall(r"[A-Za-z][A-Za-z-]{4,}", text)]
    return list(dict.fromkeys(word for word in words if word not in _STOP_WORDS))


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")
