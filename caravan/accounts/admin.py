from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from caravan.accounts.admin_scoping import SecretariatOnlyAdmin
from caravan.accounts.models import User


@admin.register(User)
class UserAdmin(SecretariatOnlyAdmin, DjangoUserAdmin):
    list_display = ("username", "email", "institution", "is_secretariat", "is_staff", "is_active")
    list_filter = ("is_secretariat", "is_staff", "is_active", "institution")
    search_fields = ("username", "email", "first_name", "last_name", "institution__code")
    list_select_related = ("institution",)
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Caravan"), {"fields": ("institution", "is_secretariat", "preferred_language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Caravan"), {"fields": ("institution", "is_secretariat")}),
    )
