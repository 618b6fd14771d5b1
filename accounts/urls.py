from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/unit/", views.join_unit, name="join_unit"),
    path("profile/unit/withdraw/", views.withdraw_unit_request, name="withdraw_unit_request"),
    path("profile/export/", views.export_personal_data, name="export_personal_data"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]
