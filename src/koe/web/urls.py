from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.selfcheck, name="selfcheck"),
    path("check/result/", views.selfcheck_result, name="selfcheck_result"),
    path("language/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("people/", include("koe.people.urls")),
    path("audit/", include("koe.audit.urls")),
    path("policy/", include("koe.policies.urls")),
    path("social/", include("koe.accounts.urls")),
    path("community/", include("koe.community.urls")),
    path("learn/", include("koe.learning.urls")),
    path("monitoring/", include("koe.monitoring.urls")),
    path("api/", include("koe.web.api_urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

if not settings.DEBUG:
    # The embedded default serves its own static files; production puts a proxy in front.
    urlpatterns += [path("static/<path:path>", views.static_file)]
# Media files (rendered policies) are never served directly: views check access first.
