import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from . import privacy
from .forms import AccountDeleteForm, JoinUnitForm, ProfileForm
from .selectors import deciders_for_unit, pending_membership_request
from .services import (
    MembershipError,
    membership_request_create,
    membership_request_withdraw,
    user_update_profile,
)


def _profile_page(request, form, join_form=None, status=200):
    """The profile, with the person's unit: where they belong, the request waiting for a
    decision and who decides it, or the form to ask to join a unit."""
    user = request.user
    pending = pending_membership_request(user)
    context = {
        "form": form,
        "unit": user.organisation,
        "pending": pending,
        "deciders": deciders_for_unit(pending.unit, exclude=user).description if pending else "",
        "join_form": join_form or (JoinUnitForm(user=user) if pending is None else None),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        translation.activate(user.preferred_language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        return response
    return _profile_page(request, form)


def set_language(request):
    """Django's language switch (the footer's "Language" and a course's "Also available
    in"). For a signed-in person the choice also becomes their preferred language: their
    e-mails and certificates are written in it, and signing in sets it again, so a switch
    kept only in the cookie was undone at the next sign-in and a certificate earned after
    switching came in the earlier language."""
    response = django_set_language(request)
    language = request.POST.get("language") if request.method == "POST" else None
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and language != user.preferred_language
    ):
        user_update_profile(user=user, preferred_language=language)
    return response


@login_required
@require_POST
def join_unit(request):
    """Ask to join a unit, or to move to another: the unit's managers decide."""
    form = JoinUnitForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            created = membership_request_create(user=request.user, unit=form.cleaned_data["unit"])
        except MembershipError as error:
            form.add_error("unit", error.message)
        else:
            deciders = deciders_for_unit(created.unit, exclude=request.user).description
            messages.success(
                request,
                _("Your request to join %(unit)s was sent to %(deciders)s.")
                % {"unit": created.unit.name, "deciders": deciders},
            )
            return redirect("accounts:profile")
    return _profile_page(request, ProfileForm(instance=request.user), form, status=400)


@login_required
@require_POST
def withdraw_unit_request(request):
    try:
        withdrawn = membership_request_withdraw(user=request.user)
    except MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You withdrew your request to join %(unit)s.") % {"unit": withdrawn.unit.name},
        )
    return redirect("accounts:profile")


@require_GET
def admin_login(request):
    """Where /admin/ sends people it turns away (``WAGTAILADMIN_LOGIN_URL``).

    Signed-out visitors go on to allauth's sign-in, so that MFA and throttling apply to the
    admin too. A signed-in learner is refused here: allauth would send an already signed-in
    user straight back to ``next=/admin/``, which sends them here again, for ever.
    """
    if request.user.is_authenticated:
        return render(request, "403.html", status=403)
    query = request.GET.urlencode(safe="/")
    url = reverse("account_login")
    return redirect(f"{url}?{query}" if query else url)


class AdminLogoutView(WagtailLogoutView):
    """Wagtail's sign-out, which signs out on POST only.

    Django's ``LogoutView`` refuses a GET with 405, but Wagtail's wrapper deleted the session
    cookie on the way out whatever the answer, so any other site could sign a trainer out
    with an image tag. A GET now changes nothing: it goes on to allauth's sign-out page, which
    asks first (``ACCOUNT_LOGOUT_ON_GET`` is off).
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return redirect("account_logout")
        return super().dispatch(request, *args, **kwargs)


admin_logout = require_admin_access(never_cache(AdminLogoutView.as_view()))


# --- privacy: export and account deletion ------------------------------------------------------


@never_cache
@login_required
@require_POST
def export_personal_data(request):
    """All the signed-in person's data as a JSON download. POST (from the profile page), so
    that another site cannot trigger it and the audit-log entry is not written on a GET."""
    data = privacy.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"waypoint-personal-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    refusal = privacy.account_deletion_refusal(request.user)
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            privacy.account_delete(user=request.user)
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            logout(request)
            return redirect("accounts:account_deleted")
    return render(
        request,
        "accounts/delete_account.html",
        {"form": form, "refusal": refusal},
        status=403 if refusal and request.method == "POST" else 200,
    )


@require_GET
def account_deleted(request):
    return render(request, "accounts/account_deleted.html")
