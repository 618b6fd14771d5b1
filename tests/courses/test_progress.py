"""A learner's progress through a course is worked out once per page: the progress bar and
the outline ask for it again and again (issue 19, P1), and the answers stay right."""

from courses.outline import CourseOutline, ModuleOutline, Step
from courses.selectors import Progress


class CountingOutline(CourseOutline):
    """An outline that counts how often its steps are listed."""

    listed = 0

    @property
    def steps(self):
        CountingOutline.listed += 1
        return super().steps


def _step(key, module_id):
    return Step(key=key, kind="lesson", title=key, url=f"/{key}/", course_id=1, module_id=module_id)


def _outline():
    CountingOutline.listed = 0
    return CountingOutline(
        course_id=1,
        modules=[
            ModuleOutline(id=10, title="One", url="/one/", steps=[_step("a", 10), _step("b", 10)]),
            ModuleOutline(id=20, title="Two", url="/two/", steps=[_step("c", 20)]),
        ],
    )


def test_the_percentage_and_the_locked_steps_are_worked_out_once():
    outline = _outline()
    progress = Progress(outline=outline, completed_keys={"a"}, modules_in_order=True)

    shown = [progress.percent, progress.percent, progress.percent, progress.done, progress.total]
    statuses = [
        progress.status_of(step) for step in outline.modules[0].steps + outline.modules[1].steps
    ]

    assert shown == [33, 33, 33, 1, 3]
    assert statuses == ["done", "open", "locked"]
    assert CountingOutline.listed == 2  # once for the total, once for what is done


def test_a_finished_course_and_an_empty_one():
    outline = _outline()
    assert Progress(outline=outline, completed_keys={"a", "b", "c"}).all_done
    empty = Progress(outline=CourseOutline(course_id=2))
    assert (empty.percent, empty.all_done, empty.next_step) == (0, False, None)
