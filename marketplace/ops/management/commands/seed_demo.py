import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from contracts import demo as contracts_demo
from jobs import demo as jobs_demo
from marketplace.accounts.demo import CLIENTS, DEMO_PASSWORD, FREELANCERS, MODERATOR, seed_people
from proposals import demo as proposals_demo

# Each app's `demo.seed(people)`, from the lowest layer up (a later one builds on the rows of the ones before).
SEEDERS = (jobs_demo.seed, proposals_demo.seed, contracts_demo.seed)


class Command(BaseCommand):
    help = "Create demo clients, freelancers, jobs and applications. Safe to run again."

    def handle(self, *args, **options) -> None:
        # A newcomer reads the logins, not a log line per email task or expiry the seeding sets off.
        logging.disable(logging.WARNING)
        try:
            with transaction.atomic():
                people = seed_people()
                for seed in SEEDERS:
                    seed(people)
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:"))
        for username, *_ in CLIENTS:
            self.stdout.write(f"  client      {username:<10} password {DEMO_PASSWORD}")
        for username, *_ in FREELANCERS:
            self.stdout.write(f"  freelancer  {username:<10} password {DEMO_PASSWORD}")
        self.stdout.write(f"  moderator   {MODERATOR:<10} password {DEMO_PASSWORD}  (Django admin at /admin/)")
