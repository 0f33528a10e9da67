from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.module_loading import import_string

from .models import ClientProfile, FreelancerProfile, User


class FreelancerProfileInline(admin.StackedInline):
    model = FreelancerProfile
    can_delete = False
    extra = 0


class ClientProfileInline(admin.StackedInline):
    model = ClientProfile
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "is_client", "is_freelancer", "is_active", "date_joined")
    list_filter = ("is_client", "is_freelancer", "is_active", "is_staff")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Roles", {"fields": ("is_client", "is_freelancer")}),
        # Set and cleared by the moderators' suspend and reinstate actions only; unticking "active" above closes an
        # account without calling it suspended.
        ("Moderation", {"fields": ("suspended_at",)}),
    )
    readonly_fields = ("suspended_at",)
    inlines = [FreelancerProfileInline, ClientProfileInline]


class BaseClientProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "company_name", "location", "payment_verified")
    list_filter = ("payment_verified",)
    search_fields = ("user__username", "company_name")
    list_select_related = ("user",)


# The layers above add the moderators' columns and actions (suspending a client closes their jobs, which this
# app cannot do): `CLIENT_PROFILE_ADMIN_MIXINS` names their mixins, and this app registers the combined class.
ClientProfileAdmin = type(
    "ClientProfileAdmin",
    (*(import_string(path) for path in getattr(settings, "CLIENT_PROFILE_ADMIN_MIXINS", ())), BaseClientProfileAdmin),
    {"__module__": __name__},
)
admin.site.register(ClientProfile, ClientProfileAdmin)
