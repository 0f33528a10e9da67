import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace.accounts.demo import CLIENTS, DEMO_PASSWORD, FREELANCERS, MODERATOR, seed_people


class Command(BaseCommand):
    help = "Create demo clients, freelancers, jobs and applications. Safe to run again."

    def handle(self, *args, **options) -> None:
        # The command sits in the highest layer (contracts) so it may seed every app below it.
        # A newcomer reads the logins, not a log line per email task or expiry the seeding sets off.
        logging.disable(logging.WARNING)
        try:
            with transaction.atomic():
                people = seed_people()
                for seeder in self._app_seeders():
                    seeder(people)
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:"))
        for username, *_ in CLIENTS:
            self.stdout.write(f"  client      {username:<10} password {DEMO_PASSWORD}")
        for username, *_ in FREELANCERS:
            self.stdout.write(f"  freelancer  {username:<10} password {DEMO_PASSWORD}")
        self.stdout.write(f"  moderator   {MODERATOR:<10} password {DEMO_PASSWORD}  (Django admin at /admin/)")

    def _app_seeders(self) -> list:
        """Each app may offer `<app>.demo.seed(people)`; they run from the lowest layer up."""
        from importlib import import_module

        seeders = []
        for module in ("jobs.demo", "proposals.demo", "contracts.demo"):
            try:
                seeders.append(import_module(module).seed)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
        return seeders
