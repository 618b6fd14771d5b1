"""The ordered steps of a course, and the registry through which other apps add steps.

A course outline is read from the page tree in one query: live modules in tree order, each
with its live lessons. Apps that add kinds of step (a module quiz, a final assessment)
register a provider here; ``courses`` never imports them.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

LESSON = "lesson"


def lesson_step_key(lesson_id: int) -> str:
    return f"{LESSON}:{lesson_id}"


@dataclass(frozen=True)
class Step:
    key: str
    kind: str
    title: str
    url: str
    course_id: int
    module_id: int | None = None  # None: a course-level step, taken after every module
    minutes: int | None = None
    page_id: int | None = None


@dataclass
class ModuleOutline:
    id: int
    title: str
    url: str
    steps: list[Step] = field(default_factory=list)


@dataclass
class CourseOutline:
    course_id: int
    modules: list[ModuleOutline] = field(default_factory=list)
    final_steps: list[Step] = field(default_factory=list)
    # The course the learner's records are kept against: the original of a translated
    # course (``courses.translations``), else the course itself.
    record_course_id: int | None = None
    # Page id (the course, its modules and lessons) -> its own language and the languages
    # it is published in (``courses.translations.page_languages``).
    languages: dict[int, tuple[str, list[str]]] = field(default_factory=dict)

    def __post_init__(self):
        if self.record_course_id is None:
            self.record_course_id = self.course_id

    def key_of_page(self, page_id: int) -> str:
        """The step key of a lesson of this outline: its original's."""
        step = next((s for s in self.steps if s.page_id == page_id), None)
        return step.key if step else lesson_step_key(page_id)

    @property
    def steps(self) -> list[Step]:
        ordered = [step for module in self.modules for step in module.steps]
        return ordered + self.final_steps

    @property
    def step_keys(self) -> set[str]:
        return {step.key for step in self.steps}

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes or 0 for step in self.steps)

    def module(self, module_id: int) -> ModuleOutline | None:
        return next((m for m in self.modules if m.id == module_id), None)


# A provider receives the courses and their outlines (lessons already in place) and returns
# extra steps; each step's module_id says where it goes (None: at the end of the course).
StepProvider = Callable[[Sequence[CourseOutline]], Iterable[Step]]
_step_providers: list[StepProvider] = []


def register_step_provider(provider: StepProvider) -> StepProvider:
    """Called from another app's ``AppConfig.ready``. Usable as a decorator. A provider
    whose steps change (a quiz renamed, attached or removed) calls
    ``courses.page_cache.course_content_changed`` so that cached outlines are rebuilt."""
    if provider not in _step_providers:
        _step_providers.append(provider)
    return provider


def unregister_step_provider(provider: StepProvider) -> None:
    if provider in _step_providers:
        _step_providers.remove(provider)


def step_providers_signature() -> str:
    """Names the registered providers, the same in every process that registers the same
    ones: part of a cached outline's key, so that outlines built with other providers are
    not reused."""
    return ",".join(f"{p.__module__}.{p.__qualname__}" for p in _step_providers)


def add_provided_steps(outlines: Sequence[CourseOutline]) -> None:
    by_course = {outline.course_id: outline for outline in outlines}
    for provider in _step_providers:
        for step in provider(outlines):
            outline = by_course.get(step.course_id)
            if outline is None:
                continue
            module = outline.module(step.module_id) if step.module_id else None
            (module.steps if module else outline.final_steps).append(step)
