"""Contracts in the admin: read-only (they change through `contracts.services`)."""

from __future__ import annotations

from django.contrib import admin

from .models import Contract


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "client", "freelancer", "status", "terms_display", "start_date", "created_at"]
    list_filter = ["status", "payment_type", "created_at"]
    list_select_related = ["client", "freelancer"]
    search_fields = ["title", "client__username", "freelancer__username"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["title", "client", "freelancer", "job", "application", "offer", "status"]}),
        ("Terms", {"fields": ["payment_type", "hourly_rate", "weekly_limit", "fixed_price", "start_date"]}),
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
