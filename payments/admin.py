"""The ledger in the admin: read-only (money moves only through `payments.ledger.post`)."""

from __future__ import annotations

from django.contrib import admin

from .models import LedgerEntry, LedgerTransaction, PaymentMethod


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EntryInline(admin.TabularInline):
    model = LedgerEntry
    fields = ["account", "amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "description", "contract", "created_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["description", "idempotency_key", "gateway_reference"]
    inlines = [EntryInline]


@admin.register(PaymentMethod)
class PaymentMethodAdmin(ReadOnlyAdmin):
    list_display = ["id", "user", "brand", "last4", "verified", "created_at"]
    list_select_related = ["user"]
    exclude = ["gateway_token"]
