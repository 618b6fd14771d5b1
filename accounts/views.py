from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        translation.activate(user.preferred_language)
        response.set_cookie("django_language", user.preferred_language, samesite="Lax")
        return response
    return render(request, "accounts/profile.html", {"form": form})


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
