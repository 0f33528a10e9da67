"""`manage.py seed_bench --jobs 10000 --applications 100000`: marketplace-sized data for `make bench`.

Bulk inserts, not the services: the services would take hours at this size, and the pages only read the rows.
Hot spots: one job with 1,000 applications, one freelancer with 1,000, one client with 200 jobs (fewer when
there are fewer jobs or freelancers, for a quick check). Every user's password is the demo password. Meant for a
throwaway database (`make bench` makes one); refuses a database that already has jobs.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from jobs.models import JobPost
from jobs.services import refresh_search_vectors
from marketplace.accounts.demo import DEMO_PASSWORD
from marketplace.accounts.models import ClientProfile, FreelancerProfile, User
from messaging.models import Membership, Message, Room
from proposals.models import Application, ApplicationStatus, Origin

S = ApplicationStatus
HOT = 1000
HOT_CLIENT_JOBS = 200
BATCH = 5000
WORDS = [
    "booking",
    "website",
    "payments",
    "dashboard",
    "mobile",
    "app",
    "shop",
    "store",
    "api",
    "integration",
    "migration",
    "data",
    "pipeline",
    "analytics",
    "design",
    "logo",
    "brand",
    "translation",
    "catalan",
    "spanish",
    "content",
    "writing",
    "seo",
    "marketing",
    "email",
    "campaign",
    "django",
    "react",
    "vue",
    "python",
    "javascript",
    "postgresql",
    "stripe",
    "shopify",
    "wordpress",
    "automation",
    "scraping",
    "report",
    "invoice",
    "calendar",
    "chat",
    "video",
    "upload",
    "search",
    "map",
    "delivery",
    "restaurant",
    "clinic",
    "school",
    "travel",
    "rental",
]
SKILLS = ["Django", "React", "PostgreSQL", "Stripe", "Python", "Vue", "Figma", "SEO", "WordPress", "Shopify"]
# What a random application is (the hot spots use the same mix): mostly proposals waiting, then the rest.
MIX = [(S.SENT, 50), (S.ACTIVE, 12), (S.INVITED, 6), (S.WITHDRAWN, 8), (S.REJECTED, 12), (S.CLOSED, 12)]


class Command(BaseCommand):
    help = "Fill an empty database with marketplace-sized data for the benchmark (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=10000)
        parser.add_argument("--applications", type=int, default=100000)
        parser.add_argument("--freelancers", type=int, default=5000)
        parser.add_argument("--clients", type=int, default=500)
        parser.add_argument("--seed", type=int, default=14)

    def handle(self, *args, jobs: int, applications: int, freelancers: int, clients: int, seed: int, **options):
        if JobPost.objects.exists():
            raise CommandError("seed_bench fills an empty database; this one already has jobs.")
        if jobs < 2 or freelancers < 2 or clients < 1:
            raise CommandError("Needs at least two jobs, two freelancers and one client.")
        hot = min(HOT, jobs, freelancers)
        if applications > (jobs - 1) * (freelancers - 1) + hot:
            raise CommandError("More applications than there are distinct (job, freelancer) pairs.")
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            client_users, freelancer_users = self._users(clients, freelancers)
            self._phase("users", started)
            job_ids = self._jobs(rng, jobs, client_users)
            self._phase("jobs and skills", started)
            pairs = self._pairs(rng, applications, job_ids, [u.pk for u in freelancer_users], hot)
            self._applications(rng, pairs, job_ids, {u.pk: u for u in client_users})
            self._phase("applications, rooms and messages", started)
        refresh_search_vectors(job_ids)
        self._phase("search vectors", started)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = time.monotonic() - started
        self.stdout.write(f"Seeded {jobs} jobs and {len(pairs)} applications in {seconds:.0f} s.")
        self.stdout.write(f"hot job: {job_ids[0]}")
        hot_jobs = min(HOT_CLIENT_JOBS, jobs)
        self.stdout.write(f"hot client ({hot_jobs:,} jobs, the hot job among them): {client_users[0].username}")
        self.stdout.write(f"hot freelancer ({hot:,} applications): {freelancer_users[0].username}")
        self.stdout.write(f"password: {DEMO_PASSWORD}")

    def _users(self, clients: int, freelancers: int) -> tuple[list[User], list[User]]:
        password = make_password(DEMO_PASSWORD)
        made = User.objects.bulk_create(
            [
                User(
                    username=f"bench-client-{i}",
                    email=f"bench-client-{i}@bench.example",
                    first_name="Client",
                    last_name=str(i),
                    is_client=True,
                    password=password,
                )
                for i in range(clients)
            ]
            + [
                User(
                    username=f"bench-freelancer-{i}",
                    email=f"bench-freelancer-{i}@bench.example",
                    first_name="Freelancer",
                    last_name=str(i),
                    is_freelancer=True,
                    password=password,
                )
                for i in range(freelancers)
            ],
            batch_size=BATCH,
        )
        client_users, freelancer_users = made[:clients], made[clients:]
        ClientProfile.objects.bulk_create(
            [ClientProfile(user=u, company_name=f"Company {u.last_name}", payment_verified=True) for u in client_users],
            batch_size=BATCH,
        )
        FreelancerProfile.objects.bulk_create(
            [
                FreelancerProfile(user=u, title="Web developer", overview="I build web applications.", hourly_rate=50)
                for u in freelancer_users
            ],
            batch_size=BATCH,
        )
        return client_users, freelancer_users

    def _jobs(self, rng: random.Random, count: int, client_users: list[User]) -> list[int]:
        hot, others = client_users[0], client_users[1:] or client_users
        rows = []
        for i in range(count):
            words = rng.sample(WORDS, 12)
            rows.append(
                JobPost(
                    client=hot if i < HOT_CLIENT_JOBS else others[i % len(others)],
                    title=" ".join(words[:4]).capitalize(),
                    description=" ".join(rng.choices(WORDS, k=80)).capitalize() + ".",
                    hourly_min=Decimal("30.00"),
                    hourly_max=Decimal("70.00"),
                    hires_needed=1000,  # nobody's hire fills a job in the benchmark
                )
            )
        ids = [job.pk for job in JobPost.objects.bulk_create(rows, batch_size=BATCH)]
        with connection.cursor() as cursor:  # spread over 90 days, the hot job newest
            cursor.execute(
                "UPDATE jobs_jobpost SET created_at = now() - ((%s - id) %% 2160) * interval '1 hour' WHERE id >= %s",
                [ids[-1], ids[0]],
            )
            cursor.execute("UPDATE jobs_jobpost SET created_at = now() WHERE id = %s", [ids[0]])
        tags = [Tag.objects.get_or_create(name=name, defaults={"slug": name.lower()})[0] for name in SKILLS]
        job_type = ContentType.objects.get_for_model(JobPost)
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag=tag, content_type=job_type, object_id=job_id)
                for job_id in ids
                for tag in rng.sample(tags, 3)
            ],
            batch_size=BATCH,
        )
        return ids

    def _pairs(
        self, rng: random.Random, count: int, job_ids: list[int], people: list[int], hot: int
    ) -> list[tuple[int, int]]:
        """Distinct (job, freelancer) pairs: the hot job's and the hot freelancer's first (`hot` each), then random
        ones."""
        seen: set[tuple[int, int]] = set()
        pairs: list[tuple[int, int]] = []
        for pair in [(job_ids[0], p) for p in people[:hot]] + [(j, people[0]) for j in job_ids[1:hot]]:
            seen.add(pair)
            pairs.append(pair)
        while len(pairs) < count:
            pair = (rng.choice(job_ids[1:]), rng.choice(people[1:]))
            if pair not in seen:
                seen.add(pair)
                pairs.append(pair)
        return pairs

    def _applications(self, rng, pairs, job_ids, clients_by_pk) -> None:
        now = timezone.now()
        states, weights = zip(*MIX, strict=True)
        apps = []
        for job_id, person in pairs:
            status = rng.choices(states, weights)[0]
            invited = status == S.INVITED
            apps.append(
                Application(
                    job_id=job_id,
                    freelancer_id=person,
                    origin=Origin.INVITATION if invited else Origin.PROPOSAL,
                    status=status,
                    invitation_message="Would you like to interview?" if invited else "",
                    invited_at=now - timedelta(days=1) if invited else None,
                    cover_letter="" if invited else "I have built this before, " + " ".join(rng.choices(WORDS, k=40)),
                    hourly_rate=None if invited else Decimal(rng.randrange(25, 90)),
                    responded_at=now if status == S.ACTIVE else None,
                    ended_at=now if status in (S.WITHDRAWN, S.REJECTED, S.CLOSED) else None,
                )
            )
        apps = Application.objects.bulk_create(apps, batch_size=BATCH)
        with connection.cursor() as cursor:  # changes spread over 30 days
            cursor.execute(
                "UPDATE proposals_application SET updated_at = now() - (id %% 720) * interval '1 hour' WHERE id >= %s",
                [apps[0].pk],
            )
        self._rooms(rng, [a for a in apps if a.status == S.ACTIVE])

    def _rooms(self, rng, active: list[Application]) -> None:
        """A conversation with three messages for every active candidacy, as `respond` would have left it."""
        app_type = ContentType.objects.get_for_model(Application)
        client_of = dict(JobPost.objects.filter(pk__in={a.job_id for a in active}).values_list("pk", "client_id"))
        now = timezone.now()
        rooms = Room.objects.bulk_create(
            [
                Room(title=f"Application {a.pk}", subject_type=app_type, subject_id=a.pk, last_message_at=now)
                for a in active
            ],
            batch_size=BATCH,
        )
        members, messages = [], []
        for app, room in zip(active, rooms, strict=True):
            app.room_id = room.pk
            client = client_of[app.job_id]
            members += [Membership(room=room, user_id=client), Membership(room=room, user_id=app.freelancer_id)]
            for sender in (client, app.freelancer_id, client):
                messages.append(Message(room=room, sender_id=sender, body=" ".join(rng.choices(WORDS, k=15))))
        Membership.objects.bulk_create(members, batch_size=BATCH)
        Message.objects.bulk_create(messages, batch_size=BATCH)
        # One joined UPDATE: bulk_update's CASE over 5,000 ids per batch is quadratic in the database.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE proposals_application a SET room_id = r.id FROM messaging_room r "
                "WHERE r.subject_type_id = %s AND r.subject_id = a.id AND r.id >= %s",
                [app_type.pk, rooms[0].pk],
            )

    def _phase(self, name: str, started: float) -> None:
        self.stdout.write(f"  {name}: done at {time.monotonic() - started:.1f} s")
