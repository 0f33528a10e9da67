import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from jobs import demo
from jobs.models import JobPost, JobStatus
from marketplace.accounts.demo import seed_people
from tests.factories import JobPostFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_lists_jobs_with_filters_and_search(admin_client, django_assert_max_num_queries):
    for _ in range(5):
        JobPostFactory()
    target = JobPostFactory(title="Aquarium cleaning schedule")
    url = reverse("admin:jobs_jobpost_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("By status", "By client", "By created at"):
        assert name in page
    response = admin_client.get(url, {"q": "aquarium"})
    assert list(response.context["cl"].result_list) == [target]
    response = admin_client.get(url, {"status__exact": "closed"})
    assert list(response.context["cl"].result_list) == []
    with django_assert_max_num_queries(12):  # list_select_related: no query per row
        admin_client.get(url)


def test_admin_shows_the_state_read_only_and_saving_keeps_it(admin_client):
    job = JobPostFactory()
    job.close(reason="Done")
    job.save()
    url = reverse("admin:jobs_jobpost_change", args=[job.pk])
    form = admin_client.get(url).context["adminform"].form
    assert "status" not in form.fields and "title" in form.fields
    data = {
        "client": job.client_id,
        "title": "Moderated title",
        "description": job.description,
        "skills": "Django",
        "category": job.category,
        "budget_type": job.budget_type,
        "hourly_min": "30",
        "hourly_max": "60",
        "fixed_budget": "",
        "experience_level": job.experience_level,
        "duration": job.duration,
        "hires_needed": "1",
        "visibility": job.visibility,
        "status": "open",  # ignored: not an editable field
    }
    assert admin_client.post(url, data).status_code == 302
    job.refresh_from_db()
    assert job.title == "Moderated title" and job.status == "closed"


def test_demo_seed_makes_a_realistic_idempotent_mix():
    people = seed_people()
    demo.seed(people)
    count = JobPost.objects.count()
    demo.seed(people)
    assert JobPost.objects.count() == count >= 8
    assert set(JobPost.objects.values_list("client__username", flat=True)) == {"acme", "brightside", "newco"}
    assert JobPost.objects.filter(visibility="invite_only").count() >= 2
    assert JobPost.objects.filter(status="closed").count() == 0  # the hiring layer's demo closes the listed one
    assert (
        JobPost.objects.filter(budget_type="fixed").exists() and JobPost.objects.filter(budget_type="hourly").exists()
    )
    assert all(job.skills.exists() for job in JobPost.objects.all())


def test_seed_demo_command_includes_the_jobs(client):
    call_command("seed_demo")
    call_command("seed_demo")
    for username, title, *_, reason in demo.JOBS:  # each demo job once, however often the command runs
        job = JobPost.objects.get(client__username=username, title=title)
        if reason:  # closed by the one close action, with its reason
            assert (job.status, job.status_reason) == (JobStatus.CLOSED, reason)
    response = client.get(reverse("jobs:list"))
    assert (
        response.context["page"].paginator.count == JobPost.objects.filter(status="open", visibility="public").count()
    )


def test_a_moderator_cannot_merge_or_create_tags_in_the_admin(client):
    # django-taggit's merge view checked only is_staff: a moderator could create tags, or get a 500 without ids.
    client.force_login(ModeratorFactory())
    url = reverse("admin:taggit_tag_merge_tags")
    assert client.get(url).status_code == 403
    assert client.post(url, {"new_tag_name": "moderator-made"}).status_code == 403
    assert not Tag.objects.filter(name="moderator-made").exists()


def test_merging_tags_without_a_selection_goes_back_to_the_list(admin_client):
    response = admin_client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "merged"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:taggit_tag_changelist")
    assert not Tag.objects.filter(name="merged").exists()


def test_an_admin_merges_tags(admin_client):
    django, dj = Tag.objects.create(name="Django"), Tag.objects.create(name="dj")
    job = JobPostFactory()
    job.skills.add(dj)
    changelist = reverse("admin:taggit_tag_changelist")
    admin_client.post(changelist, {"action": "render_tag_form", "_selected_action": [django.pk, dj.pk]})
    admin_client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "Django"})
    assert list(job.skills.names()) == ["Django"]
