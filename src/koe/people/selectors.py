"""Reads about people."""

from django.db.models import QuerySet

from .models import Department, User


def people_list(*, department: Department | None = None, active: bool | None = True) -> QuerySet[User]:
    qs = User.objects.select_related("department").prefetch_related("role_rows")
    if department is not None:
        qs = qs.filter(department=department)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("username")


def users_with_role(role: str) -> QuerySet[User]:
    return User.objects.filter(is_active=True, role_rows__role=role).distinct()


def department_list() -> QuerySet[Department]:
    return Department.objects.order_by("code")
