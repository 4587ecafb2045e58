"""A desired interview made ready for comparison: template resolved, markers computed. Pure."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reconciler.errors import Problem
from reconciler.live import Template
from reconciler.plan.compare import desired_fields
from reconciler.plan.compare import desired_question
from reconciler.plan.compare import desired_value
from reconciler.plan.compare import plain
from reconciler.plan.markers import Markers
from reconciler.plan.markers import field_fingerprint
from reconciler.plan.sync import sync_marker
from reconciler.registry import FINGERPRINTED
from reconciler.registry import INTERVIEW_BY_SPEC
from reconciler.registry import LEGACY_TEMPLATE_TYPES
from reconciler.registry import UNMANAGED
from reconciler.spec.model import DesiredInterview


@dataclass(frozen=True)
class DesiredTarget:
    """One spec with everything the planner derives from it before looking at live data."""

    interview: DesiredInterview
    template_id: str
    template_type: str | None
    fields: Mapping[str, Any]
    create_only: Mapping[str, Any]
    generate_inputs: Mapping[str, Any] | None
    markers: Markers
    question_forms: Mapping[str, Mapping[str, Any]]
    """Comparable form of each desired question by key, made once (comparing reuses it)."""
    synced_questions: list[list[Any]] | None
    """The questions as the sync marker hashes them: [key, comparable form] in spec order."""

    @property
    def key(self) -> str:
        return self.interview.key

    @property
    def name(self) -> str:
        return str(self.interview.values.get("name", self.key))

    @property
    def status(self) -> str:
        return str(self.fields.get("status", "draft"))


def build_targets(
    interviews: Sequence[DesiredInterview], templates: Sequence[Template], namespace: str
) -> tuple[tuple[DesiredTarget, ...], tuple[Problem, ...]]:
    """Targets for every spec, and a problem for every template that cannot be resolved."""
    targets: list[DesiredTarget] = []
    problems: list[Problem] = []
    for interview in interviews:
        resolved = resolve_template(interview, templates)
        if isinstance(resolved, Problem):
            problems.append(resolved)
            continue
        targets.append(make_target(interview, resolved, namespace))
    return tuple(targets), tuple(problems)


def resolve_template(
    interview: DesiredInterview, templates: Sequence[Template]
) -> tuple[str, str | None] | Problem:
    """(template id, template type) for the spec's `template` name or template id."""
    by_id = {template.id: template for template in templates}
    if interview.template is None:
        template_id = str(interview.values.get("interview_template_id", ""))
        known = by_id.get(template_id)
        return template_id, known.type if known else None
    matches = [template for template in templates if template.name == interview.template]
    if len(matches) == 1:
        return matches[0].id, matches[0].type
    where = interview.location_of("template")
    if matches:
        ids = ", ".join(sorted(template.id for template in matches))
        return Problem(
            where.file, where.line, where.col,
            f'template "{interview.template}" is ambiguous: {len(matches)} templates have '
            f"that name ({ids})",
            "set interview_template_id to one of these ids instead",
        )  # fmt: skip
    names = sorted({template.name for template in templates if usable(template)})
    close = difflib.get_close_matches(interview.template, names, n=1)
    hint = alternatives(interview, templates)
    if close:
        hint = f'did you mean "{close[0]}"? {hint[0].upper()}{hint[1:]}'
    return Problem(
        where.file, where.line, where.col, f'unknown template "{interview.template}"', hint
    )  # fmt: skip


def usable(template: Template) -> bool:
    return template.type not in LEGACY_TEMPLATE_TYPES


def unusable_template(
    interview: DesiredInterview, template_id: str, templates: Sequence[Template]
) -> Problem | None:
    """Why the spec's template cannot be sent to the API (unknown, or legacy), or None."""
    by_id = {template.id: template for template in templates}
    named = interview.template is not None
    where = interview.location_of("template" if named else "interview_template_id")
    known = by_id.get(template_id)
    if known is None:
        message = f"interview_template_id {template_id} is not a template of this account"
    elif not usable(known):
        message = (
            f'template "{known.name}" is a legacy {known.type} template: the API no longer '
            "accepts it for an interview"
        )
    else:
        return None
    return Problem(where.file, where.line, where.col, message, alternatives(interview, templates))


def alternatives(interview: DesiredInterview, templates: Sequence[Template]) -> str:
    """The usable templates of the spec's language, as a hint naming them."""
    language = str(interview.values.get("mojito_language_code") or "")
    names = sorted(
        {t.name for t in templates if usable(t) and t.mojito_language_code == language},
        key=str.casefold,
    )
    if not names:
        return (
            f"no usable {language or 'other'} template in this account: run `interviews templates`"
        )
    listed = ", ".join(f'"{name}"' for name in names)
    return f"usable {language} templates: {listed}"


def template_name(template_id: object, templates: Sequence[Template]) -> object:
    """The name of the template with this id; the id itself when no template has it."""
    return next((t.name for t in templates if t.id == template_id and t.name), template_id)


def make_target(
    interview: DesiredInterview, template: tuple[str, str | None], ns: str
) -> DesiredTarget:
    """The target of one spec, given its template as resolve_template() resolved it."""
    template_id, template_type = template
    fields = desired_fields(interview, template_id)
    values = interview.values
    create_only = {name: _hashable(values.get(name, default)) for name, default in _CREATE_ONLY}
    generate_inputs = None
    generate = interview.generate
    if generate is not None:
        generate_inputs = {
            name: _hashable(generate.get(tail, default)) for name, tail, default in _GENERATE_INPUTS
        }
    forms = {q.key: desired_question(q) for q in interview.questions or ()}
    questions = None
    if interview.questions is not None:
        questions = [[q.key, forms[q.key]] for q in interview.questions]
    embedded = bool(desired_value(interview, INTERVIEW_BY_SPEC["is_embedded"]))
    markers = Markers(
        namespace=ns,
        key=interview.key,
        fingerprint=field_fingerprint(create_only),
        generate=field_fingerprint(generate_inputs) if generate_inputs else None,
        sync=sync_marker(fields, questions),
        embedded=embedded,
        protect=interview.protect,
    )
    return DesiredTarget(
        interview, template_id, template_type, fields, create_only, generate_inputs, markers,
        forms, questions,
    )  # fmt: skip


# desired_value() of the fingerprinted fields, worked out once: (spec name, default), and
# for those under `generate:` also the name within it.
_CREATE_ONLY = tuple(
    (field.spec, field.default) for field in FINGERPRINTED if not field.spec.startswith("generate.")
)
_GENERATE_INPUTS = tuple(
    (field.spec, field.spec.removeprefix("generate."), field.default)
    for field in FINGERPRINTED
    if field.spec.startswith("generate.")
)


def _hashable(value: Any) -> Any:
    """An omitted create-only input without a default hashes as null."""
    return None if value is UNMANAGED else plain(value)
