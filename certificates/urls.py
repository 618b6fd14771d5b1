from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/file/", views.verify_file, name="verify_file"),
    path("verify/file.json", views.verify_file_json, name="verify_file_json"),
    path("issuer/", views.issuer_profile, name="issuer"),
    path("issuer/jwks.json", views.jwks, name="jwks"),
    path("status/<int:number>/", views.status_list, name="status_list"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>.json", views.verify_json, name="verify_json"),
    path("<str:code>/pdf/", views.download_pdf, name="pdf"),
    path("<str:code>/credential.json", views.credential_json, name="credential_json"),
    path("<str:code>/badge.png", views.badge_png, name="badge"),
    path("<str:code>/recertify/", views.recertify, name="recertify"),
]
