from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import Enrollment, EnrollmentRequest, StepCompletion
from .reviews import ReviewSubmission
from .topics import Topic
from .videos import Video, VideoCaption, VideoRendition

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "EnrollmentRequest",
    "LessonPage",
    "ModulePage",
    "ReviewSubmission",
    "StepCompletion",
    "Topic",
    "Video",
    "VideoCaption",
    "VideoRendition",
]
