from django.conf import settings
from django.contrib import admin, messages
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

    def get_readonly_fields(self, request, obj=None):
        # Ticking "active" on a suspended account would let the person in with the mark left on and without what
        # reinstating does (paused contracts resumed, the person told): that is the moderators' "Reinstate the
        # account" on "Suspended accounts".
        if obj is not None and obj.suspended_at is not None:
            return (*self.readonly_fields, "is_active")
        return self.readonly_fields

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.suspended_at is not None:
            messages.info(
                request,
                f"{obj} was suspended by a moderator, so “Active” can't be changed here: reinstate the account "
                "from “Suspended accounts” so that what the suspension paused resumes and the person is told.",
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


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
