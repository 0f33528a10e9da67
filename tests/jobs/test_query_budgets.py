"""List pages keep a fixed number of queries whatever the data: checked with 3 and with 60 jobs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

pytestmark = pytest.mark.django_db

# Session + user, the navigation badges (2), the page's COUNT, the page's jobs, their skills.
FIND_WORK_BUDGET = 7
# Session + user, the navigation badges (2), the page's COUNT, the page's jobs, their stage counts.
MY_JOB_POSTS_BUDGET = 7
# Session + user, the navigation badges (2), the job, its skills, the client box, activity (2),
# the invite-only check when it applies, and the freelancer's own application ("View your application").
JOB_PAGE_BUDGET = 11


def _jobs(n: int, client, make_application, **fields) -> list:
    clients = [client] if client else [ClientFactory() for _ in range(3)]
    jobs = []
    for i in range(n):
        job = JobPostFactory(
            client=clients[i % len(clients)],
            title=f"Aquarium job {i}",
            skills=["Django", f"Skill {i % 5}"],
            **fields,
        )
        if i % 4 == 0:
            make_application(job, origin="proposal", status="sent")
            make_application(job, origin="invitation", status="hired")
        jobs.append(job)
    return jobs


@pytest.mark.parametrize("n_jobs", [3, 60])
@pytest.mark.parametrize(
    "params", [{}, {"q": "aquarium", "skill": "django", "budget_type": "hourly", "min_budget": "10", "page": "2"}]
)
def test_find_work_query_budget(client, make_application, django_assert_max_num_queries, n_jobs, params):
    _jobs(n_jobs, None, make_application)
    client.force_login(FreelancerFactory())
    with django_assert_max_num_queries(FIND_WORK_BUDGET):
        response = client.get(reverse("jobs:list"), params)
    assert response.status_code == 200
    # Every job matches the filters; page 2 of 3 jobs falls back to the last page.
    assert len(response.context["page"].object_list) == min(n_jobs, 20)


@pytest.mark.parametrize("n_jobs", [3, 60])
def test_my_job_posts_query_budget(client, client_user, make_application, django_assert_max_num_queries, n_jobs):
    _jobs(n_jobs, client_user, make_application)
    client.force_login(client_user)
    with django_assert_max_num_queries(MY_JOB_POSTS_BUDGET):
        response = client.get(reverse("jobs:mine"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(n_jobs, 20)


@pytest.mark.parametrize("n_applications", [0, 3, 30])
def test_job_page_query_budget(client, job, make_application, django_assert_max_num_queries, n_applications):
    for i in range(n_applications):
        make_application(job, origin="proposal", status="hired" if i % 3 == 0 else "sent")
    client.force_login(FreelancerFactory())
    with django_assert_max_num_queries(JOB_PAGE_BUDGET):
        assert client.get(job.get_absolute_url()).status_code == 200


def test_find_work_costs_the_same_with_3_and_60_jobs(client, make_application):
    """Belt and braces: the exact count does not grow with the data."""
    counts = []
    for n in (3, 57):  # 3, then 60 in all
        _jobs(n, None, make_application)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("jobs:list"))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
