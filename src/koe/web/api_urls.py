"""Mounts the API and the routers of each app."""

from django.urls import path

from .api import api

_routers_added = False


def _add_routers() -> None:
    global _routers_added
    if _routers_added:
        return
    import importlib

    for module_name, prefix in (("koe.policies.api", "/policies"), ("koe.accounts.api", "/accounts"),
                                ("koe.audit.api", "/audit")):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        api.add_router(prefix, module.router)
    _routers_added = True


_add_routers()
urlpatterns = [path("", api.urls)]
