"""Contracts in the admin: read-only (they change through `contracts.services`)."""

from __future__ import annotations

from django.contrib import admin

from marketplace.admin_base import ReadOnlyInline

from .models import Contract, Feedback, Milestone, Timesheet


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["description", "amount", "status", "funded_at", "submitted_at", "approved_at", "auto_released"]
    readonly_fields = fields


class TimesheetInline(ReadOnlyInline):
    model = Timesheet
    fields = ["week_start", "status", "review_ends_at", "billed_minutes", "billed_amount", "billed_at"]
    readonly_fields = fields


class FeedbackInline(ReadOnlyInline):
    model = Feedback
    fk_name = "contract"
    fields = ["author", "stars", "comment", "private_reason", "private_note", "published_at"]
    readonly_fields = fields


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "client", "freelancer", "status", "terms_display", "start_date", "created_at"]
    list_filter = ["status", "payment_type", "created_at"]
    list_select_related = ["client", "freelancer"]
    search_fields = ["title", "client__username", "freelancer__username"]
    date_hierarchy = "created_at"
    inlines = [MilestoneInline, TimesheetInline, FeedbackInline]
    fieldsets = [
        (None, {"fields": ["title", "client", "freelancer", "job", "application", "offer", "status"]}),
        ("Terms", {"fields": ["payment_type", "hourly_rate", "weekly_limit", "fixed_price", "start_date"]}),
        ("Work", {"fields": ["manual_time_allowed", "timer_started_at", "status_note"]}),
        ("Dates", {"fields": ["created_at", "ended_at", "ended_by", "end_reason"]}),
    ]
    readonly_fields = [field for _, options in fieldsets for field in options["fields"]]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Terms")
    def terms_display(self, obj: Contract) -> str:
        return obj.terms_display
