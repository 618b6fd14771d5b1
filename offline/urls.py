from django.urls import path

from courses.urls import PageIdConverter  # noqa: F401 - registers "page_id"
from offline import views

app_name = "offline"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline_page, name="offline_page"),
    path("offline/token/", views.csrf_token, name="token"),
    path(
        "learning/courses/<page_id:course_id>/offline/",
        views.course_bundle,
        name="course_bundle",
    ),
]
