"""Read-only queries for the job pages. Each one runs a fixed number of queries, whatever the data.

Application figures come from the reverse relation `job.applications` (model `proposals.Application`, a
higher layer, so it is never imported here) and its status/origin string values. They are computed live on
every request: when the hiring layer moves an application, the next page view shows it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches
from django.db.models import CharField, Count, F, IntegerField, Max, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from marketplace.accounts import reputation

from .models import BudgetType, JobPost, JobStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from marketplace.accounts.models import User

# proposals.Application values (kept as strings: jobs sits below proposals).
ORIGIN_PROPOSAL = "proposal"
ORIGIN_INVITATION = "invitation"
SENT = "sent"
INVITED_STATES = ("invited", "archived")
INTERVIEWING_STATES = ("active",)
OFFERED = "offered"
HIRED = "hired"
ENDED_WITHOUT_HIRE = ("declined", "withdrawn", "rejected", "expired", "closed")
OPEN_APPLICATION_STATES = (*INVITED_STATES, SENT, *INTERVIEWING_STATES, OFFERED)

SEARCH_CONFIG = "english"
MAX_SEARCH_WORDS = 12


# Who may see a job page


class Access(Enum):
    FULL = "full"  # the whole post
    HIDDEN = "hidden"  # 404: the person may not know it exists (invite-only)
    GONE = "gone"  # 410: suspended by a moderator


def job_access(job: JobPost, user: User | AnonymousUser) -> Access:
    """The job's client and staff see everything. A job held for review is hidden from everyone else. An
    invite-only job is visible only to freelancers with an application on it (any state); a suspended job is
    gone for everyone else; a public job, open or ended, is visible to anyone."""
    if user.is_authenticated and (job.client_id == user.pk or user.is_staff):
        return Access.FULL
    # Held for review by the screening: not published yet, so unknown to everyone else.
    if job.held_for_review:
        return Access.HIDDEN
    # An invite-only job stays unknown to outsiders, even once suspended.
    if job.is_invite_only and not (user.is_authenticated and job.applications.filter(freelancer=user).exists()):
        return Access.HIDDEN
    if job.is_suspended:
        return Access.GONE
    return Access.FULL


# The job page


def job_for_page(pk: int) -> JobPost:
    """One job with its client, the client's profile and its skills (two queries). Raises DoesNotExist."""
    # django-taggit ships no types, so the plugin cannot see that its TaggableManager `skills` prefetches.
    return (
        JobPost.objects.select_related("client", "client__client_profile")
        .prefetch_related("skills")  # type: ignore[misc]
        .get(pk=pk)
    )


# One set of numbers: each figure about a job's applications has one name and one definition, and every page
# that shows it (My job posts, the applicants page's tabs, the job's client activity, Find work) reads it from
# here. The filters are on the application row; `_numbers_filters("applications__")` aims them from a job.
def _number_filters(prefix: str = "") -> dict[str, Q]:
    def q(**lookups: object) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return {
        # Every proposal the job received, whatever became of it.
        "proposals": q(origin=ORIGIN_PROPOSAL),
        # Proposals waiting for the client's first answer (the applicants page's first tab).
        "new_proposals": q(status=SENT),
        # Every invitation to interview: invited directly, or invited after a proposal.
        "invites_sent": q(origin=ORIGIN_INVITATION) | q(invited_at__isnull=False),
        # Invitations not answered yet. An ignored (archived) one counts: ignoring is private to the freelancer.
        "unanswered_invites": q(status__in=INVITED_STATES),
        # Candidacies in conversation, without an offer out.
        "interviewing": q(status__in=INTERVIEWING_STATES),
        # Offers waiting for the freelancer's answer.
        "offers": q(status=OFFERED),
        "hires": q(status=HIRED),
        # Ended without a hire: declined, withdrawn, not selected, expired, closed with the job.
        "closed": q(status__in=ENDED_WITHOUT_HIRE),
    }


JOB_NUMBERS: tuple[str, ...] = tuple(_number_filters())


def job_numbers(job: JobPost) -> dict[str, int]:
    """The job's numbers (JOB_NUMBERS), live from its applications: one query."""
    return job.applications.order_by().aggregate(
        **{name: Count("pk", filter=condition) for name, condition in _number_filters().items()}
    )


def with_job_numbers(jobs: QuerySet[JobPost]) -> QuerySet[JobPost]:
    """The same numbers on each job of a list, as `<name>_count` (in the list's one query)."""
    return jobs.annotate(
        **{
            f"{name}_count": Count("applications", filter=condition)
            for name, condition in _number_filters("applications__").items()
        }
    )


def client_activity(job: JobPost) -> dict[str, object]:
    """ "Client activity on this job": the job's numbers (`job_numbers`), the hired freelancers and when the
    client last looked. At most two queries."""
    figures = job_numbers(job)
    hired = []
    if figures["hires"]:
        hired = [
            application.freelancer
            for application in job.applications.filter(status=HIRED)
            .select_related("freelancer")
            .order_by("updated_at", "pk")
        ]
    return {
        **figures,
        "hired_freelancers": hired,
        "hired_names": [freelancer.display_name for freelancer in hired],
        "last_viewed_by_client": job.client_last_viewed_at,
    }


def viewer_application(job: JobPost, user: User | AnonymousUser) -> Model | None:
    """The freelancer's own open or hired application on this job (one query), or None.

    The job page leads them to it ("View your application", "You are hired") rather than offering another
    proposal. The contract (a higher layer's one-to-one, reached by name) comes along for the "hired" link.
    """
    if not user.is_authenticated or user.pk == job.client_id:
        return None
    return (
        job.applications.filter(freelancer=user, status__in=(*OPEN_APPLICATION_STATES, HIRED))
        .select_related("freelancer", "contract")
        .order_by("-created_at", "-pk")
        .first()
    )


def client_summary(client: User) -> dict[str, object]:
    """The client's box on a job page: one query for the figures; the profile comes with the job.

    Keys: jobs_posted, open_jobs, hires (hired applications across all the client's jobs), member_since,
    location, payment_verified, company_name, rating and reviews (published feedback), spent.
    """
    figures = JobPost.objects.filter(client=client).aggregate(
        jobs_posted=Count("pk", distinct=True),
        open_jobs=Count("pk", filter=Q(status=JobStatus.OPEN), distinct=True),
        hires=Count("applications", filter=Q(applications__status=HIRED)),
    )
    profile = getattr(client, "client_profile", None)
    return {
        **figures,
        "member_since": client.date_joined,
        "location": profile.location if profile else "",
        "company_name": profile.company_name if profile else "",
        "payment_verified": bool(profile and profile.payment_verified),
        **reputation.reputation(client),
    }


# Find work


@dataclass(frozen=True)
class JobSearch:
    query: str = ""
    skill: str = ""
    budget_type: str = ""
    min_budget: Decimal | None = None
    experience_level: str = ""
    category: str = ""
    sort: str = "newest"  # or "relevance" (best match first; needs a query)


def searchable_jobs() -> QuerySet[JobPost]:
    """Open public jobs not held for review: the only ones "Find work" ever lists."""
    return JobPost.objects.filter(status=JobStatus.OPEN, visibility="public", held_for_review=False)


# What a Find work card reads (jobs/partials/job_card.html), and `status` for the state machine's bookkeeping.
FIND_WORK_COLUMNS = (
    "id",
    "status",
    "title",
    "description",
    "budget_type",
    "hourly_min",
    "hourly_max",
    "fixed_budget",
    "experience_level",
    "duration",
    "created_at",
    "updated_at",
    "client__id",
    "client__client_profile__id",
    "client__client_profile__payment_verified",
    "client__client_profile__location",
)


def find_work(search: JobSearch, viewer: User | AnonymousUser | None = None) -> QuerySet[JobPost]:
    """Open public jobs matching the search, newest first (or best match first), ready for Find work's cards
    (`jobs.cards`): the columns a card shows, the client's profile joined, and each job carries `proposals_count`
    and `my_status` (the state of the viewer's latest application there, or None). Skills are not fetched: the
    cards not in the cache fetch theirs. A page costs a COUNT and the page's rows (and the skills of uncached
    cards)."""
    jobs = searchable_jobs().select_related("client__client_profile").only(*FIND_WORK_COLUMNS)
    if search.skill.strip():
        jobs = jobs.filter(pk__in=JobPost.objects.filter(skills__name__iexact=search.skill.strip()).values("pk"))
    if search.budget_type:
        jobs = jobs.filter(budget_type=search.budget_type)
    if search.experience_level:
        jobs = jobs.filter(experience_level=search.experience_level)
    if search.category:
        jobs = jobs.filter(category=search.category)
    if search.min_budget is not None:
        jobs = jobs.filter(
            Q(budget_type=BudgetType.HOURLY, hourly_max__gte=search.min_budget)
            | Q(budget_type=BudgetType.FIXED, fixed_budget__gte=search.min_budget)
        )
    ranked = False
    query = " ".join(search.query.split()[:MAX_SEARCH_WORDS])
    if query:
        if settings.IS_POSTGRES:
            jobs, ranked = _full_text(jobs, query), True
        else:
            jobs = _contains_every_word(jobs, query)
    proposals = (
        JobPost.objects.filter(pk=OuterRef("pk"))
        .order_by()
        .values("pk")
        .annotate(n=Count("applications", filter=_number_filters("applications__")["proposals"]))
        .values("n")
    )
    jobs = jobs.annotate(proposals_count=Coalesce(Subquery(proposals, output_field=IntegerField()), Value(0)))
    if viewer is not None and viewer.is_authenticated:
        # The hiring layer's Application, reached through the reverse relation (jobs never imports it).
        application = JobPost._meta.get_field("applications").related_model
        mine = application._default_manager.filter(job=OuterRef("pk"), freelancer=viewer).order_by("-created_at", "-pk")
        jobs = jobs.annotate(my_status=Subquery(mine.values("status")[:1]))
    else:  # read by the page as for anyone else (a missing attribute costs the template a `dir()` of the job)
        jobs = jobs.annotate(my_status=Value(None, output_field=CharField()))
    if ranked and search.sort == "relevance":
        # `rank` is annotated by `_full_text`, which the plugin cannot follow through the `QuerySet[JobPost]` type.
        return jobs.order_by("-rank", "-created_at", "-id")  # type: ignore[misc]
    return jobs.order_by("-created_at", "-id")


# How long a search's count may be reused while the listed jobs look the same (see `find_work_count`).
SEARCH_COUNT_SECONDS = 60


def find_work_count(search: JobSearch, jobs: QuerySet[JobPost]) -> int:
    """How many jobs a search matches (`jobs` is `find_work(search)`), for its heading and its pages.

    A search's COUNT reads every matching row (6 ms for 8,000 matches among 10,000 jobs), so it is kept in the
    fragments cache with a fingerprint of the listed jobs read from their index: how many there are and the latest
    `updated_at` among them. A view reads the fingerprint (one index-only query) and reuses the count while it is
    the same; the first view counts and reads the fingerprint in one query. Posting, editing, closing, suspending,
    holding or releasing a job changes the fingerprint. Only a job leaving the list and a held one coming back
    between two views, with nothing posted or edited, keeps it; the count is then at most SEARCH_COUNT_SECONDS old.
    """
    store = caches["fragments"]
    key = "findwork-count:" + hashlib.sha256(repr(dataclasses.replace(search, sort="")).encode()).hexdigest()[:32]
    listed = searchable_jobs()
    cached: tuple[int, object, int] | None = store.get(key)
    if cached is not None:
        fingerprint = listed.aggregate(n=Count("pk"), latest=Max("updated_at"))
        if (fingerprint["n"], fingerprint["latest"]) == cached[:2]:
            return cached[2]
    fresh = listed.aggregate(
        n=Count("pk"), latest=Max("updated_at"), matches=Count("pk", filter=Q(pk__in=jobs.values("pk")))
    )
    store.set(key, (fresh["n"], fresh["latest"], fresh["matches"]), SEARCH_COUNT_SECONDS)
    matches: int = fresh["matches"]
    return matches


def _full_text(jobs: QuerySet[JobPost], query: str) -> QuerySet[JobPost]:
    """PostgreSQL full-text search on the stored, GIN-indexed `search_vector` (title and skills weight A,
    description weight B), ranked."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return jobs.filter(search_vector=search_query).annotate(rank=SearchRank(F("search_vector"), search_query))


def _contains_every_word(jobs: QuerySet[JobPost], query: str) -> QuerySet[JobPost]:
    """The SQLite fallback: every word appears in the title, the description or a skill name."""
    for word in query.split():
        word = word.strip("\"'")
        if not word or word.lower() == "or" or word == "-":
            continue
        with_skill = JobPost.objects.filter(skills__name__icontains=word).values("pk")
        jobs = jobs.filter(Q(title__icontains=word) | Q(description__icontains=word) | Q(pk__in=with_skill))
    return jobs


# My job posts


def my_job_posts(client: User) -> QuerySet[JobPost]:
    """The client's jobs, newest first; page them, then `add_job_numbers` to the page."""
    return JobPost.objects.filter(client=client).defer("search_vector").order_by("-created_at", "-id")


def add_job_numbers(jobs: list[JobPost]) -> None:
    """Each job's numbers (`with_job_numbers`) as `<name>_count` on a page of jobs, in one query over those jobs'
    applications only: counted over all of a client's jobs before paging, they cost 80 ms for 200 jobs."""
    names = [f"{name}_count" for name in JOB_NUMBERS]
    rows = with_job_numbers(JobPost.objects.filter(pk__in=[job.pk for job in jobs])).values("pk", *names)
    by_pk = {row["pk"]: row for row in rows}
    for job in jobs:
        for name in names:
            setattr(job, name, by_pk[job.pk][name])
