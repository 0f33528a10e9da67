from django.contrib import admin

from .models import JobPost

# Shown, never edited: the state moves only through the services' transitions.
STATE_FIELDS = ("status", "status_reason", "suspended_from", "client_last_viewed_at", "created_at", "updated_at")


@admin.register(JobPost)
class JobPostAdmin(admin.ModelAdmin):
    """Moderators review job posts here. The state is read-only: it changes only through services."""

    list_display = ("title", "client", "status", "visibility", "budget", "hires_needed", "created_at")
    list_filter = ("status", ("client", admin.RelatedOnlyFieldListFilter), "created_at", "visibility", "budget_type")
    search_fields = (
        "title",
        "description",
        "client__username",
        "client__email",
        "client__client_profile__company_name",
    )
    list_select_related = ("client",)
    date_hierarchy = "created_at"
    raw_id_fields = ("client",)
    readonly_fields = STATE_FIELDS
    fieldsets = (
        (None, {"fields": ("client", "title", "description", "skills", "category")}),
        ("Budget", {"fields": ("budget_type", "hourly_min", "hourly_max", "fixed_budget")}),
        ("Freelancer", {"fields": ("experience_level", "duration", "hires_needed", "visibility")}),
        ("State", {"fields": STATE_FIELDS}),
    )

    @admin.display(description="Budget")
    def budget(self, job: JobPost) -> str:
        if job.is_hourly:
            return f"${job.hourly_min} to ${job.hourly_max}/hr"
        return f"${job.fixed_budget} fixed"
