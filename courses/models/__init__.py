from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import Enrollment, StepCompletion
from .topics import Topic

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "LessonPage",
    "ModulePage",
    "StepCompletion",
    "Topic",
]
