"""Factories and helpers for tests of every app (factory_boy, no fixture files)."""

from __future__ import annotations

import json

import factory
from allauth.mfa.models import Authenticator
from django.test import Client

from .models import Department, User, UserRole

PASSWORD = "a-Str0ng-test-passw0rd"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept{n}")
    name_en = factory.LazyAttribute(lambda d: d.code.title())
    name_ja = factory.LazyAttribute(lambda d: f"{d.code}部")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    language = "en"
    department = factory.SubFactory(DepartmentFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            UserRole.objects.create(user=self, role=role)
        self.save()
        self._roles_cache = None


def make_person(*roles: str, mfa: bool = True, **fields) -> User:
    """A person with ``roles``; with ``mfa`` they have TOTP set up, so sensitive roles pass."""
    user = UserFactory(roles=list(roles), **fields)
    if mfa:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP,
                                     data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_page_access(method: str, url: str, employee_status: int, role: str,
                       role_status: int) -> None:
    """One row of a page-permission table: anonymous → sign-in, a plain employee gets
    ``employee_status``, a person with ``role`` gets ``role_status``."""
    response = getattr(Client(), method)(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert getattr(client_for(make_person()), method)(url).status_code == employee_status, url
    person = make_person() if role == "employee" else make_person(role)
    assert getattr(client_for(person), method)(url).status_code == role_status, url


def assert_api_access(method: str, url: str, body: dict | None, employee_status: int, role: str,
                      role_status: int) -> None:
    """One row of an API permission table: anonymous → 401, a plain employee gets
    ``employee_status``, a person with ``role`` gets ``role_status``; a POST sends ``body``
    (or ``{}``) as JSON."""
    kwargs = ({"content_type": "application/json", "data": json.dumps(body or {})}
              if method == "post" else {})
    assert getattr(Client(), method)(url, **kwargs).status_code == 401, url
    r = getattr(client_for(make_person()), method)(url, **kwargs)
    assert r.status_code == employee_status, (url, r.content)
    person = make_person() if role == "employee" else make_person(role)
    r = getattr(client_for(person), method)(url, **kwargs)
    assert r.status_code == role_status, (url, r.content)
