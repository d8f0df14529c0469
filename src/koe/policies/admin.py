"""Read-mostly admin views of policies; changes go through the policy pages and their services."""

from django.contrib import admin

from .models import Acknowledgement, PolicyVersion, SignOff


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "state", "review_round", "public", "published_at")
    list_filter = ("state", "public")
    readonly_fields = tuple(f.name for f in PolicyVersion._meta.fields)

    def has_add_permission(self, request):
        return False


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ("version", "review_round", "role", "user", "decision", "created_at")
    readonly_fields = tuple(f.name for f in SignOff._meta.fields)

    def has_add_permission(self, request):
        return False


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("version", "user", "acknowledged_at")
    readonly_fields = tuple(f.name for f in Acknowledgement._meta.fields)

    def has_add_permission(self, request):
        return False
