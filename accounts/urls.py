from allauth.socialaccount import app_settings as socialaccount_settings
from django.urls import include, path, re_path

from . import sso, views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/unit/", views.join_unit, name="join_unit"),
    path("profile/unit/withdraw/", views.withdraw_unit_request, name="withdraw_unit_request"),
    path("profile/export/", views.export_personal_data, name="export_personal_data"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("deleted/", views.account_deleted, name="account_deleted"),
    # Allauth's OpenID Connect callback at its own address (the same route, built the same
    # way), with the ID token's signature always verified (accounts.sso); allauth's pattern
    # further down is never reached.
    path(
        f"{socialaccount_settings.OPENID_CONNECT_URL_PREFIX}/",
        include(
            [
                re_path(
                    r"^(?P<provider_id>[^/]+)/",
                    include([path("login/callback/", sso.oidc_callback, name="oidc_callback")]),
                )
            ]
        ),
    ),
]
