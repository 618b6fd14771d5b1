from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>.json", views.verify_json, name="verify_json"),
    path("<str:code>/pdf/", views.download_pdf, name="pdf"),
    path("<str:code>/recertify/", views.recertify, name="recertify"),
]
