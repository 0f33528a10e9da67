from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"

    def ready(self) -> None:
        from agencies.signals import agency_suspended, membership_ended

        from .signals import close_agency_applications, leave_agency_rooms

        membership_ended.connect(leave_agency_rooms, dispatch_uid="proposals.leave_agency_rooms")
        agency_suspended.connect(close_agency_applications, dispatch_uid="proposals.close_agency_applications")
