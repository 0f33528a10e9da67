"""Learning from moderators: screening_report and export_screening_examples over decided flags with hits."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Flag, FlagReason
from jobs.moderation import decide_flag
from jobs.screening_feedback import labelled_examples
from messaging.services import post_message
from proposals.models import ApplicationStatus
from tests.factories import FlagFactory, JobPostFactory, ModeratorFactory, build

pytestmark = pytest.mark.django_db

PAYING = "Let's pay outside the platform to save on fees"
SAMPLE = "Please do a small sample for free to show your skills"
JOB_TEXT = "Write two articles for free as a test"


def _decide(flag: Flag, *, dismiss: bool) -> None:
    decide_flag(flag, moderator=ModeratorFactory(), note="", dismiss=dismiss, now=timezone.now())


def _room_flag(body: str) -> Flag:
    app = build(ApplicationStatus.ACTIVE, job=JobPostFactory())
    post_message(app.room, sender=app.job.client, body="Thanks for applying, could you share examples?")
    post_message(app.room, sender=app.job.client, body=body)
    return Flag.objects.get(room=app.room, reporter__isnull=True)


@pytest.fixture
def decided():
    """A room flag actioned (paying off the platform), a room flag dismissed (unpaid work), a job's screening flag
    actioned (unpaid work); and, not counted, an open screening flag and a decided user report without hits."""
    paying = _room_flag(PAYING)
    _decide(paying, dismiss=False)
    sample = _room_flag(SAMPLE)
    _decide(sample, dismiss=True)
    job = JobPostFactory(title="Content writer", description=JOB_TEXT)
    hit = {"category": "unpaid_work", "kind": "free_work", "text": "for free", "start": 0, "end": 8}
    job_flag = FlagFactory(reporter=None, job=job, reason=FlagReason.UNPAID_WORK, hits=[hit], hit_count=1)
    _decide(job_flag, dismiss=False)
    _room_flag("Can you pay me via PayPal instead of the site?")  # stays open
    _decide(FlagFactory(), dismiss=False)  # a person's report: no screening hits
    return paying, sample, job_flag


def _run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_screening_report_prints_precision_per_category_on_decided_flags_with_hits(decided):
    assert _run("screening_report").splitlines() == [
        "Screening precision on moderators' decisions (decided flags with screening hits)",
        "category               actioned dismissed precision",
        "contact_details               0         0         -",
        "off_platform_payment          1         0      1.00",
        "work_before_contract          0         0         -",
        "unpaid_work                   1         1      0.50",
        "suspicious_link               0         0         -",
        "off_platform_contact          0         0         -",
    ]


def test_screening_report_says_so_when_no_flag_with_hits_is_decided():
    _room_flag(PAYING)  # open, not decided
    assert _run("screening_report") == "No decided flags with screening hits yet: nothing to report.\n"


def test_labelled_examples_take_the_moderators_decision_per_screened_text(decided):
    paying, sample, job_flag = decided
    examples = sorted((e.text, e.categories, e.decision, e.flag_id) for e in labelled_examples())
    assert examples == [
        ("Content writer\n\n" + JOB_TEXT, ("unpaid_work",), "actioned", job_flag.pk),
        (PAYING, ("off_platform_payment",), "actioned", paying.pk),
        (SAMPLE, (), "dismissed", sample.pk),
    ]


def test_export_screening_examples_writes_the_training_format_to_stdout(decided):
    document = json.loads(_run("export_screening_examples"))
    assert "train_screening --extra" in document["_about"]
    assert sorted((s["text"], s["categories"], s["decision"]) for s in document["sentences"]) == [
        ("Content writer\n\n" + JOB_TEXT, ["unpaid_work"], "actioned"),
        (PAYING, ["off_platform_payment"], "actioned"),
        (SAMPLE, [], "dismissed"),
    ]


def test_export_screening_examples_to_a_file_feeds_train_screening(decided, tmp_path):
    path = tmp_path / "moderators.json"
    assert _run("export_screening_examples", "--output", str(path)) == f"Wrote 3 labelled examples to {path}.\n"
    trained = _run("train_screening", "--extra", str(path), "--output", str(tmp_path / "model.joblib"))
    assert "(1 extra file(s))" in trained
    assert (tmp_path / "model.joblib").stat().st_size > 0


def test_export_screening_examples_is_empty_without_decisions():
    assert json.loads(_run("export_screening_examples"))["sentences"] == []


def test_a_rooms_later_flag_labels_only_the_messages_posted_after_the_earlier_decision():
    first = _room_flag(PAYING)
    _decide(first, dismiss=False)
    post_message(first.room, sender=first.user, body=SAMPLE)
    second = Flag.objects.get(room=first.room, reporter__isnull=True, status="open")
    _decide(second, dismiss=True)
    assert sorted((e.text, e.categories, e.flag_id) for e in labelled_examples()) == [
        (PAYING, ("off_platform_payment",), first.pk),
        (SAMPLE, (), second.pk),
    ]
