"""Home, the self-check ("Can I post this?") and language switching."""

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles.views import serve as static_serve
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from koe.engine.policy import ACCOUNTS
from koe.people.permissions import can, permission_required
from koe.people.services import user_set_language

from .forms import SelfCheckForm
from .selfcheck import check_text, highlight

MAX_CHARS = 10_000


@login_required
def home(request):
    from koe.policies.selectors import acknowledgement_needed

    from .dashboard import personal_dashboard

    return render(request, "home.html", {
        "ack_needed": acknowledgement_needed(request.user),
        "can_manage_policy": can(request.user, "policy.manage"),
        "dash": personal_dashboard(request.user),
    })


@permission_required("selfcheck.use")
def selfcheck(request):
    form = SelfCheckForm(request.GET or None)
    report = None
    if form.is_bound and form.is_valid():
        report = check_text(form.cleaned_data["text"], form.cleaned_data["account"],
                            translation.get_language())
    return render(request, "selfcheck.html", {"form": form, "report": report,
                                              "marked": highlight(report) if report else None,
                                              "accounts": ACCOUNTS})


@permission_required("selfcheck.use")
def selfcheck_result(request):
    """The live result fragment htmx swaps in while the person types."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else request.GET
    if not data:
        return render(request, "_selfcheck_result.html", {"report": None})
    form = SelfCheckForm(data)
    if not form.is_valid():
        return render(request, "_selfcheck_result.html", {"form": form, "report": None},
                      status=400)
    report = check_text(form.cleaned_data["text"], form.cleaned_data["account"],
                        translation.get_language())
    return render(request, "_selfcheck_result.html",
                  {"form": form, "report": report, "marked": highlight(report)})


@require_POST
def set_language(request):
    lang = request.POST.get("language", "")
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = "/"
    response = redirect(nxt)
    if lang in ("ja", "en"):
        translation.activate(lang)
        response.set_cookie("django_language", lang, max_age=365 * 24 * 3600, samesite="Lax")
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=lang)
    return response


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def static_file(request, path):
    return static_serve(request, path, insecure=True)
