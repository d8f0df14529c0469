"""Reads about people."""

from django.db.models import QuerySet

from .models import Department, Notification, User


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


def notifications_of(user: User, *, unread_only: bool = False,
                     limit: int = 100) -> QuerySet[Notification]:
    """A person's latest notifications, newest first."""
    qs = Notification.objects.filter(user=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")[:limit]


def notification_for(user: User, pk: int) -> Notification | None:
    """One of the person's own notifications (anyone else's is not found)."""
    return Notification.objects.filter(user=user, pk=pk).first()


def unread_notification_count(user: User) -> int:
    """One COUNT on the (user, read_at) index: cheap enough for every page's header."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
