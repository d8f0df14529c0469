"""Mounts the API and the router of each app."""

from django.urls import path

from koe.accounts.api import router as accounts_router
from koe.audit.api import router as audit_router
from koe.community.api import router as community_router
from koe.learning.api import router as learning_router
from koe.learning.api_authoring import router as learning_authoring_router
from koe.monitoring.api import router as monitoring_router
from koe.monitoring.api_analytics import router as monitoring_analytics_router
from koe.monitoring.api_ingest import router as monitoring_ingest_router
from koe.people.api import router as people_router
from koe.policies.api import router as policies_router

from .api import api

api.add_router("/policies", policies_router)
api.add_router("/accounts", accounts_router)
api.add_router("/audit", audit_router)
api.add_router("/community", community_router)
api.add_router("/learning", learning_router)
api.add_router("/learning", learning_authoring_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/monitoring", monitoring_ingest_router)
api.add_router("/monitoring", monitoring_analytics_router)
api.add_router("/people", people_router)

urlpatterns = [path("", api.urls)]
