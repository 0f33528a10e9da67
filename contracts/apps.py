from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "contracts"

    def ready(self) -> None:
        from agencies.signals import membership_ended

        from .signals import drop_agency_assignments

        membership_ended.connect(drop_agency_assignments, dispatch_uid="contracts.drop_agency_assignments")
