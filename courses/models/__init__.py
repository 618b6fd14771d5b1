from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import Enrollment, EnrollmentRequest, StepCompletion
from .topics import Topic

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "EnrollmentRequest",
    "LessonPage",
    "ModulePage",
    "StepCompletion",
    "Topic",
]
