from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:course_id>/enrol/", views.enroll, name="enroll"),
    path("courses/<int:course_id>/request/", views.request_place, name="request_place"),
    path(
        "courses/<int:course_id>/request/withdraw/",
        views.withdraw_request,
        name="withdraw_request",
    ),
    path("lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
]
