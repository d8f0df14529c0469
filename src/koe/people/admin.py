from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Department, User, UserRole


class RoleInline(admin.TabularInline):
    model = UserRole
    extra = 0


@admin.register(User)
class KoeUserAdmin(UserAdmin):
    inlines = [RoleInline]
    fieldsets = UserAdmin.fieldsets + (("Koe", {"fields": ("display_name", "language", "department", "manager")}),)
    list_display = ("username", "email", "display_name", "department", "is_active")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_ja", "parent")
