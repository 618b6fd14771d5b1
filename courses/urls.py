from django.urls import path, register_converter
from django.urls.converters import IntConverter

from . import video_views, views


class PageIdConverter(IntConverter):
    """At most 18 digits: a longer id overflows a 64-bit integer in the page lookup and
    would be a server error instead of "not found"."""

    regex = "[0-9]{1,18}"


register_converter(PageIdConverter, "page_id")

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<page_id:course_id>/enrol/", views.enroll, name="enroll"),
    path("courses/<page_id:course_id>/request/", views.request_place, name="request_place"),
    path(
        "courses/<page_id:course_id>/request/withdraw/",
        views.withdraw_request,
        name="withdraw_request",
    ),
    path("lessons/<page_id:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path(
        "videos/<page_id:video_id>/<str:kind>/",
        video_views.video_file,
        name="video_file",
    ),
    path(
        "videos/<page_id:video_id>/captions/<str:language>.vtt",
        video_views.video_captions,
        name="video_captions",
    ),
]
