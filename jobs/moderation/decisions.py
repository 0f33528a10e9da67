"""Moderators' decisions on jobs and people: dismissing, reinstating, verifying payment, suspending and
reinstating accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from marketplace.accounts.models import ClientProfile
from messaging.models import NotificationKind
from messaging.services import notify

from .. import hooks
from ..models import Flag, FlagStatus, JobPost, JobStatus, ModerationAction
from .base import (
    ModerationError,
    clean_note,
    decide_flag,
    decide_open_flags,
    record_decision,
    require_moderator,
)


def dismiss_flags(job: JobPost, *, by, note: str = "") -> int:
    """A moderator finds nothing wrong: the job's open flags are dismissed and a held job is published.

    Side effects: each open flag on the job -> dismissed (moderator, time, note); `held_for_review` cleared;
    one moderation entry in the activity log. Returns how many flags were dismissed.
    """
    require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        locked = JobPost.objects.select_for_update().get(pk=job.pk)
        count = decide_open_flags(Flag.objects.filter(job=locked), moderator=by, note=note, dismiss=True)
        if not count and not locked.held_for_review:
            raise ModerationError(f"The job “{locked.title}” has no open flags.", code="no_flags")
        if locked.held_for_review:
            JobPost.objects.filter(pk=locked.pk).update(held_for_review=False)
        record_decision(by, ModerationAction.DISMISS_FLAGS, job=locked, note=note, flags=count)
    job.refresh_from_db()
    return count


def reinstate_job(job: JobPost, *, by, note: str = "") -> JobPost:
    """A moderator puts a suspended job back in the state it was suspended from.

    Applications closed by the suspension stay closed (freelancers may apply again).
    Side effects: the job's transition (logged with the moderator); `held_for_review` cleared; the job's open
    flags -> dismissed; one moderation entry in the activity log.
    """
    require_moderator(by, "reinstate a job")
    note = clean_note(note)
    with transaction.atomic():
        locked = JobPost.objects.select_for_update().get(pk=job.pk)
        if not can_proceed(locked.reinstate):
            raise ModerationError(
                f"The job “{locked.title}” is {locked.get_status_display().lower()}, not suspended, so there is "
                "nothing to reinstate.",
                code="not_suspended",
            )
        if not locked.client.is_active:
            raise ModerationError(
                f"{locked.client} is suspended, so their job “{locked.title}” stays suspended.",
                code="client_suspended",
            )
        locked.reinstate()
        locked.held_for_review = False
        locked.save()
        count = decide_open_flags(Flag.objects.filter(job=locked), moderator=by, note=note, dismiss=True)
        record_decision(
            by,
            ModerationAction.REINSTATE_JOB,
            job=locked,
            note=note,
            flags=count,
            from_state=JobStatus.SUSPENDED,
            to_state=locked.status,
        )
    job.refresh_from_db()
    return locked


def mark_payment_verified(client, *, by, note: str = "") -> bool:
    """A moderator marks a client's payment method verified. Returns False when it already was.

    Side effects: `ClientProfile.payment_verified`; one moderation entry in the activity log.
    """
    require_moderator(by, "verify payment methods")
    note = clean_note(note)
    with transaction.atomic():
        profile = ClientProfile.objects.select_for_update().filter(user=client).first()
        if profile is None:
            raise ModerationError(f"{client} has no client profile.", code="no_profile")
        if profile.payment_verified:
            return False
        profile.payment_verified = True
        profile.save(update_fields=["payment_verified"])
        record_decision(by, ModerationAction.MARK_PAYMENT_VERIFIED, user=client, note=note)
    return True


def dismiss_selected_flags(flags, *, by, note: str = "") -> int:
    """A moderator dismisses the chosen open flags (any target: a job, a client, a room).

    A job whose open flags are all dismissed this way is published again if the screening held it.
    Side effects: each open flag -> dismissed (moderator, time, note); one activity entry per job or client concerned.
    Returns how many flags were dismissed.
    """
    require_moderator(by, "dismiss flags")
    note = clean_note(note)
    with transaction.atomic():
        decided = list(
            flags.select_related(None).select_for_update(of=("self",)).filter(status=FlagStatus.OPEN).order_by("pk")
        )
        now = timezone.now()
        for flag in decided:
            decide_flag(flag, moderator=by, note=note, dismiss=True, now=now)
        targets: dict[tuple[int | None, int | None], int] = {}
        for flag in decided:
            key = (flag.job_id, None if flag.job_id else flag.user_id)
            targets[key] = targets.get(key, 0) + 1
        for (job_id, user_id), count in targets.items():
            if job_id is not None and not Flag.objects.filter(job_id=job_id, status=FlagStatus.OPEN).exists():
                JobPost.objects.filter(pk=job_id, held_for_review=True).update(held_for_review=False)
            if job_id is None and user_id is None:
                continue  # a room flag about nobody in particular: the flag itself records the decision
            job = JobPost.objects.filter(pk=job_id).first() if job_id else None
            record_decision(
                by,
                ModerationAction.DISMISS_FLAGS,
                job=job,
                user_id=job.client_id if job else user_id,
                note=note,
                flags=count,
            )
    return len(decided)


# Suspensions (the hiring layer closes the applications: `hooks.close_job`) ----------------------------------
# What the job page and the client's notification say (the moderator's note stays internal: it may name a
# reporter, and reporters are never shown to the flagged user).
PUBLIC_SUSPENSION_REASON = "A moderator found that it may break the marketplace's rules."


def suspend_job(job: JobPost, *, by, note: str = "") -> JobPost:
    """A moderator suspends a job: it disappears from the marketplace and its open applications close.

    Raises PermissionDenied for a non-moderator and `marketplace.fsm.ActionNotAllowed` for a job that can't be
    suspended (already suspended or cancelled).
    Side effects: the job -> suspended (logged with the moderator); every open application -> closed, with one
    event, one room message and one JOB_CLOSED notification per freelancer, and one JOB_SUSPENDED notification
    to the client with the public reason (all in the hiring layer's `close_job`, the `JOB_CLOSING` hook); the
    job's open flags -> actioned; `held_for_review` cleared; one activity entry (the suspension, with the
    moderator's note).
    """
    require_moderator(by, "suspend a job")
    note = clean_note(note)
    with transaction.atomic():
        return _suspend(job, by=by, note=note)


def _suspend(job: JobPost, *, by, note: str) -> JobPost:
    # The flags first, so the job's one activity entry (the suspension) carries how many were decided; the job's
    # row is locked before its flags, in the same order as the other moderation services.
    JobPost.objects.select_for_update().filter(pk=job.pk).first()
    count = decide_open_flags(Flag.objects.filter(job_id=job.pk), moderator=by, note=note, dismiss=False)
    job = hooks.close_job(
        job,
        by=by,
        reason=PUBLIC_SUSPENSION_REASON,
        to=JobStatus.SUSPENDED,
        note=note,
        data={"flags_decided": count} if count else None,
    )
    JobPost.objects.filter(pk=job.pk, held_for_review=True).update(held_for_review=False)
    job.held_for_review = False
    return job


def suspend_client(client, *, by, note: str = "") -> list[JobPost]:
    """A moderator suspends a client: they can no longer log in and their open jobs are suspended.

    Returns the jobs suspended. Side effects: `is_active` off (their sessions stop working); the applications
    they sent as a freelancer closed, each client told (`hooks.user_suspended`); each open job suspended as in
    `suspend_job` (applications closed, each freelancer notified once); the open flags about
    the client and their jobs -> actioned; one activity entry for the client and one per job; the client emailed
    why and where to appeal (`_deactivate`).
    """
    require_moderator(by, "suspend a client")
    note = clean_note(note)
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=client.pk)
        if user.is_staff or user.is_superuser:
            raise ModerationError("Staff accounts can't be suspended from the moderation tools.", code="staff")
        if not user.is_active:
            if user.suspended_at is None:  # switched off outside the moderation tools: not a suspension to repeat
                raise ModerationError(f"{user}'s account is already closed.", code="already_closed")
            raise ModerationError(f"{user} is already suspended.", code="already_suspended")
        _deactivate(user, by=by, note=note)
        suspended = [
            _suspend(job, by=by, note=note)
            for job in JobPost.objects.filter(client=user, status=JobStatus.OPEN).order_by("pk")
        ]
        count = decide_open_flags(
            Flag.objects.filter(Q(user=user) | Q(job__client=user)), moderator=by, note=note, dismiss=False
        )
        record_decision(by, ModerationAction.SUSPEND_CLIENT, user=user, note=note, flags=count)
    client.is_active = False
    return suspended


# What the suspended and the reinstated person are told, by email only while suspended (they can't log in); the
# moderator's note stays internal, as for a job.
ACCOUNT_SUSPENDED_TEXT = "A moderator suspended your account: they found that it may break the marketplace's rules."
ACCOUNT_REINSTATED_TEXT = "A moderator reinstated your account: you can log in again."


def _deactivate(user, *, by, note: str) -> None:
    """The account stops working (its sessions too), the layers above end what it left open
    (`hooks.user_suspended`: its open applications close and its active contracts pause, the other side told), and
    the person is emailed why and where to appeal (an ACCOUNT_SUSPENDED notification, emailed although the account
    is suspended)."""
    user.is_active = False
    user.suspended_at = timezone.now()
    user.save(update_fields=["is_active", "suspended_at"])
    hooks.user_suspended(user=user, by=by, note=note)
    notify(
        user,
        NotificationKind.ACCOUNT_SUSPENDED,
        text=ACCOUNT_SUSPENDED_TEXT,
        context={"ended": what_a_suspension_ends(user)},
    )


def what_a_suspension_ends(user) -> str:
    """The suspension email's account of what it ended, in this person's roles only: a freelancer has no job posts
    to suspend, and a client no applications to close."""
    ended = []
    if user.is_freelancer:
        ended.append("your open applications are closed")
    if user.is_client or JobPost.objects.filter(client=user).exists():
        ended.append("your open job posts are suspended")
    ended.append("your active contracts are paused")
    said = ended[0] if len(ended) == 1 else f"{', '.join(ended[:-1])} and {ended[-1]}"
    return f"{said[0].upper()}{said[1:]}"


SUSPENSIONS = (ModerationAction.SUSPEND_CLIENT, ModerationAction.SUSPEND_USER)


def suspended_accounts():
    """Accounts a moderator suspended that still cannot log in (the "Suspended accounts" list)."""
    return get_user_model().objects.filter(is_active=False, suspended_at__isnull=False)


def reinstate_account(user, *, by, note: str = "") -> None:
    """A moderator undoes a suspension: the person can log in again.

    Raises PermissionDenied for a non-moderator and `ModerationError` for an account that can log in or that no
    moderator suspended (an account closed another way is not the moderators' to reopen).
    Side effects: `is_active` on; one activity entry on the person (the reinstatement, with the note); the layers
    above resume what the suspension paused (`hooks.user_reinstated`: the contracts it paused resume, unless the
    other side is suspended too, and the other side is told); the person is told (ACCOUNT_REINSTATED, emailed).
    What the suspension closed stays closed: the applications, and the jobs (a moderator reinstates a job from
    "Flagged jobs").
    """
    require_moderator(by, "reinstate accounts")
    note = clean_note(note)
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        if locked.is_active:
            raise ModerationError(f"{locked} can already log in.", code="active")
        if not suspended_accounts().filter(pk=locked.pk).exists():
            raise ModerationError(f"{locked} was not suspended by a moderator.", code="not_suspended")
        locked.is_active = True
        locked.suspended_at = None
        locked.save(update_fields=["is_active", "suspended_at"])
        record_decision(by, ModerationAction.REINSTATE_USER, user=locked, note=note)
        hooks.user_reinstated(user=locked, by=by, note=note)
        notify(locked, NotificationKind.ACCOUNT_REINSTATED, text=ACCOUNT_REINSTATED_TEXT, url=reverse("home"))
    user.is_active = True
