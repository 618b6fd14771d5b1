from pathlib import Path

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from config.views import healthz, metrics, readyz

# The Django admin's own password form would skip MFA: send it through allauth as well.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("django-admin/", admin.site.urls),
    # Every sign-in goes through allauth, so that MFA and throttling apply to /admin/ too.
    path("admin/login/", accounts_views.admin_login, name="wagtailadmin_login"),
    # Wagtail's own sign-out deleted the session cookie on a GET too (accounts.views).
    path("admin/logout/", accounts_views.admin_logout, name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("learning/", include("courses.urls")),
    path("learning/", include("assessments.urls")),
    path("certificates/", include("certificates.urls")),
    # The service worker, the web app manifest, the offline page, courses kept offline.
    path("", include("offline.urls")),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    # Wagtail's own front-end sign-in is a bare password form: MFA and throttling would
    # not apply there. Private pages already send people to allauth.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
]

# `make bench` only: the bare Django view that pages are measured against.
if settings.BENCH_CEILING_VIEW:
    from devtools.views import ping

    urlpatterns.insert(0, path("bench/ping", ping, name="bench_ping"))

# `make run` only: Wagtail's images are the only public media. Certificates, documents,
# exports and imports live under MEDIA_ROOT too, and go through their views, which check
# who is asking; serving all of MEDIA_ROOT handed them to anyone (issue 12, finding 14).
# The production web server serves the same prefixes and no others (README).
PUBLIC_MEDIA_PREFIXES = ("images/", "original_images/")

if settings.DEBUG:
    from django.conf.urls.static import static

    for prefix in PUBLIC_MEDIA_PREFIXES:
        urlpatterns += static(
            settings.MEDIA_URL + prefix, document_root=Path(settings.MEDIA_ROOT) / prefix
        )

urlpatterns += [path("", include(wagtail_urls))]
