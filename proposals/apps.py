from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"

    def ready(self) -> None:
        from agencies.signals import membership_ended

        from .signals import leave_agency_rooms

        membership_ended.connect(leave_agency_rooms, dispatch_uid="proposals.leave_agency_rooms")
