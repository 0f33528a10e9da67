"""Hourly contracts: the work diary in 10-minute segments, the timer, manual time, the weekly limit, disputes,
and the weekly close -> review -> bill cycle run by beat.

Time is refused on fixed-price and paused contracts, past the weekly limit, and (tracked time) from anyone but
the freelancer named on the contract. Every entry is written under the contract row lock, so two entries at
once cannot both squeeze under the limit.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from marketplace.money import to_money, you_receive
from messaging.models import NotificationKind
from payments import ledger
from payments.models import TransactionKind
from payments.services import PaymentDeclined, charge_client

from ..access import is_assigned
from ..models import (
    SEGMENT_MINUTES,
    Contract,
    TimeEntry,
    Timesheet,
    TimesheetStatus,
    week_bounds,
    week_start,
)
from ._base import (
    ActionNotAllowed,
    format_money,
    lock_contract,
    log_action,
    notify_party,
    require_client,
    require_open,
    require_still_member,
)

if TYPE_CHECKING:
    from marketplace.accounts.models import User

T = TimesheetStatus
WEEKLY_LIMIT_MAX = 100
SEGMENT = timedelta(minutes=SEGMENT_MINUTES)


def hours(minutes: int) -> str:
    """ "12:30 hrs" style, as the work diary shows time."""
    return f"{minutes // 60}:{minutes % 60:02d} hrs"


def floor_segment(moment: datetime) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % SEGMENT_MINUTES, second=0, microsecond=0)


def week_minutes(contract: Contract, monday: date) -> int:
    """Minutes recorded in the contract's week starting `monday` (disputed entries included)."""
    total = TimeEntry.objects.filter(timesheet__contract=contract, timesheet__week_start=monday).aggregate(
        s=Sum("segments")
    )["s"]
    return (total or 0) * SEGMENT_MINUTES


def _require_hourly(contract: Contract) -> None:
    if not contract.is_hourly:
        raise ActionNotAllowed(
            "This is a fixed-price contract: there is no time tracking. The work is paid through milestones.",
            code="fixed_price",
        )


def _require_time_allowed(contract: Contract) -> None:
    _require_hourly(contract)
    if contract.is_ended:
        raise ActionNotAllowed("This contract has ended, so no more time can be logged.", code="contract_ended")
    if contract.status == "paused":
        raise ActionNotAllowed(
            "This contract is paused, so no time can be logged until the client resumes it.", code="contract_paused"
        )


def _require_named_freelancer(contract: Contract, user: User | None) -> None:
    if user is None or user.pk != contract.freelancer_id:
        raise PermissionDenied("Only the freelancer named on this contract can record tracked time.")
    require_still_member(contract, user)


def _require_may_add_time(contract: Contract, user: User) -> None:
    """Manual time: the contract's freelancer, or on an agency contract a member the agency assigned to it."""
    if user is not None and user.pk == contract.freelancer_id:
        require_still_member(contract, user)
        return
    if contract.agency_id is not None:
        if not is_assigned(contract, user):
            raise PermissionDenied(
                "Only the freelancer named on this contract and the members the agency assigned to it can add time."
            )
        return
    raise PermissionDenied("Only the freelancer of this contract can add time.")


def _limit_minutes(contract: Contract) -> int | None:
    return None if contract.weekly_limit is None else contract.weekly_limit * 60


def _open_timesheet(contract: Contract, monday: date) -> Timesheet:
    timesheet, _ = Timesheet.objects.get_or_create(contract=contract, week_start=monday)
    if timesheet.status != T.OPEN:
        raise ActionNotAllowed(
            f"The week of {monday:%b} {monday.day} is closed ({timesheet.get_status_display().lower()}), "
            "so no more time can be added to it.",
            code="week_closed",
        )
    return timesheet


def start_timer(contract: Contract, *, by: User) -> Contract:
    """ "Start timer": only the named freelancer, on an active hourly contract with room under the limit."""
    now = timezone.now()
    with transaction.atomic():
        locked = lock_contract(contract)
        _require_hourly(locked)
        _require_named_freelancer(locked, by)
        _require_time_allowed(locked)
        if locked.timer_started_at is not None:
            raise ActionNotAllowed("The timer is already running.", code="timer_running")
        limit = _limit_minutes(locked)
        used = week_minutes(locked, week_start(now))
        if limit is not None and used >= limit:
            raise ActionNotAllowed(
                f"This week already has {hours(used)}, the weekly limit of {locked.weekly_limit} hrs. "
                "The client pays for no more time this week.",
                code="weekly_limit",
            )
        locked.timer_started_at = now
        locked.save(update_fields=["timer_started_at"])
    contract.timer_started_at = now
    return locked


def stop_timer(contract: Contract, *, by: User, memo: str, now: datetime | None = None) -> tuple[TimeEntry | None, int]:
    """ "Stop timer": the whole 10-minute segments since "Start timer" become tracked time with the memo.

    Returns the entry (None when less than one segment passed) and the minutes left out because they went past
    the weekly limit.
    """
    memo = _clean_memo(memo)
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_contract(contract)
        _require_hourly(locked)
        _require_named_freelancer(locked, by)
        if locked.timer_started_at is None:
            raise ActionNotAllowed("The timer is not running.", code="timer_stopped")
        entry, left_out = record_timer(locked, memo=memo, now=now)
        contract.timer_started_at = None
    return entry, left_out


def record_timer(locked: Contract, *, memo: str, now: datetime) -> tuple[TimeEntry | None, int]:
    """Stop the locked contract's running timer and record its whole segments as tracked time, up to the
    weekly limit. Returns the entry (None when less than one segment) and the minutes left out."""
    started = locked.timer_started_at
    if started is None:
        return None, 0
    locked.timer_started_at = None
    locked.save(update_fields=["timer_started_at"])
    start = floor_segment(started)
    segments = int((now - start) / SEGMENT)
    left_out = 0
    monday = week_start(start)
    limit = _limit_minutes(locked)
    if limit is not None:
        room = max(0, (limit - week_minutes(locked, monday)) // SEGMENT_MINUTES)
        left_out = max(0, segments - room) * SEGMENT_MINUTES
        segments = min(segments, room)
    if segments <= 0:
        return None, left_out
    timesheet = Timesheet.objects.get_or_create(contract=locked, week_start=monday)[0]
    if timesheet.status != T.OPEN:  # the week closed while the timer ran: its time can't be added any more
        return None, segments * SEGMENT_MINUTES
    entry = TimeEntry.objects.create(
        timesheet=timesheet, start=start, segments=segments, memo=memo, manual=False, created_by=locked.freelancer
    )
    return entry, left_out


def _clean_memo(memo: str) -> str:
    memo = (memo or "").strip()
    if not memo:
        raise ValidationError({"memo": "Write a memo: what did you work on?"}, code="required")
    if len(memo) > 300:
        raise ValidationError({"memo": "Keep the memo to 300 characters."}, code="max_length")
    return memo


def add_manual_time(contract: Contract, *, by: User, start: datetime, end: datetime, memo: str) -> TimeEntry:
    """ "Add manual time": whole 10-minute segments in the current week, marked manual; refused when the client
    turned manual time off, past the weekly limit, or over time already in the diary."""
    memo = _clean_memo(memo)
    now = timezone.now()
    if start.minute % SEGMENT_MINUTES or end.minute % SEGMENT_MINUTES or start.second or end.second:
        raise ValidationError("Time is recorded in 10-minute segments: start and end on :00, :10, :20 ...")
    if end <= start:
        raise ValidationError("The end must be after the start.")
    if end > now + SEGMENT:
        raise ValidationError("Manual time can't be in the future.")
    if week_start(start) != week_start(now) or week_start(end - SEGMENT) != week_start(now):
        raise ValidationError("Manual time can be added to the current week only (Monday to Sunday, UTC).")
    segments = int((end - start) / SEGMENT)
    with transaction.atomic():
        locked = lock_contract(contract)
        _require_hourly(locked)
        _require_may_add_time(locked, by)
        _require_time_allowed(locked)
        if not locked.manual_time_allowed:
            raise ActionNotAllowed("The client turned off manual time for this contract.", code="manual_off")
        monday = week_start(start)
        limit = _limit_minutes(locked)
        used = week_minutes(locked, monday)
        if limit is not None and used + segments * SEGMENT_MINUTES > limit:
            raise ActionNotAllowed(
                f"This would bring the week to {hours(used + segments * SEGMENT_MINUTES)}, past the weekly limit "
                f"of {locked.weekly_limit} hrs ({hours(used)} already logged). The client pays at most "
                f"{locked.weekly_limit} hrs a week.",
                code="weekly_limit",
            )
        timesheet = _open_timesheet(locked, monday)
        # Each person's time may not overlap itself (agency members may work at the same time).
        for other in timesheet.entries.filter(created_by=by):
            if other.start < end and start < other.end:
                raise ActionNotAllowed("This overlaps time already in the work diary.", code="overlap")
        return TimeEntry.objects.create(
            timesheet=timesheet, start=start, segments=segments, memo=memo, manual=True, created_by=by
        )


def change_weekly_limit(contract: Contract, *, by: User, limit: int) -> Contract:
    """The client changes the weekly limit; the freelancer is told."""
    if not isinstance(limit, int) or not 1 <= limit <= WEEKLY_LIMIT_MAX:
        raise ValidationError({"weekly_limit": f"A weekly limit is 1 to {WEEKLY_LIMIT_MAX} hours."})
    with transaction.atomic():
        locked = lock_contract(contract)
        require_client(locked, by, "change the weekly limit")
        _require_hourly(locked)
        require_open(locked, "change the weekly limit", paused_ok=True)
        before = locked.weekly_limit
        if before == limit:
            return locked
        locked.weekly_limit = limit
        locked.save(update_fields=["weekly_limit"])
        log_action(by, "change_weekly_limit", locked, from_state=locked.status, note=f"{before} -> {limit} hrs/week")
        notify_party(
            locked.freelancer,
            NotificationKind.WEEKLY_LIMIT_CHANGED,
            locked,
            actor=by,
            text=f"{by} changed the weekly limit of “{locked.title}” from {before} to {limit} hrs/week",
        )
    contract.weekly_limit = limit
    return locked


def set_manual_time(contract: Contract, *, by: User, allowed: bool) -> Contract:
    """The client turns manual time on or off for the contract."""
    with transaction.atomic():
        locked = lock_contract(contract)
        require_client(locked, by, "change whether manual time is allowed")
        _require_hourly(locked)
        if locked.manual_time_allowed == allowed:
            return locked
        locked.manual_time_allowed = allowed
        locked.save(update_fields=["manual_time_allowed"])
        words = "allowed manual time" if allowed else "turned off manual time"
        log_action(by, "allow_manual_time" if allowed else "turn_off_manual_time", locked, from_state=locked.status)
        notify_party(
            locked.freelancer,
            NotificationKind.WEEKLY_LIMIT_CHANGED,
            locked,
            actor=by,
            text=f"{by} {words} on “{locked.title}”",
        )
    contract.manual_time_allowed = allowed
    return locked


def dispute_entry(entry: TimeEntry, *, by: User, note: str) -> TimeEntry:
    """The client disputes an entry while its week is in review (until Friday); disputed time is not billed."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say why you dispute this time."}, code="required")
    now = timezone.now()
    with transaction.atomic():
        timesheet = (
            Timesheet.objects.select_for_update().select_related("contract__freelancer").get(pk=entry.timesheet_id)
        )
        contract = timesheet.contract
        require_client(contract, by, "dispute time")
        if timesheet.status not in (T.IN_REVIEW, T.DISPUTED) or (
            timesheet.review_ends_at and now > timesheet.review_ends_at
        ):
            raise ActionNotAllowed(
                "Time can be disputed only while its week is in review (until the Friday after the week).",
                code="not_in_review",
            )
        fresh = TimeEntry.objects.select_for_update().get(pk=entry.pk)
        if fresh.disputed:
            raise ActionNotAllowed("You already disputed this entry.", code="already_disputed")
        fresh.disputed, fresh.dispute_note = True, note[:1000]
        fresh.save(update_fields=["disputed", "dispute_note"])
        from_state = timesheet.status
        timesheet.dispute()
        timesheet.save()
        log_action(by, "dispute", timesheet, from_state=from_state, note=note)
        notify_party(
            contract.freelancer,
            NotificationKind.TIME_DISPUTED,
            contract,
            actor=by,
            text=f"{by} disputed {hours(fresh.minutes)} on {fresh.start:%b} {fresh.start.day} in your work diary",
            note=note,
        )
    entry.disputed, entry.dispute_note = True, fresh.dispute_note
    return fresh


def close_and_bill_weeks(*, now: datetime | None = None) -> dict[str, int]:
    """The beat task's work: weeks that ended go to review; weeks whose review ended are billed."""
    now = now or timezone.now()
    closed = billed = 0
    this_monday = week_start(now)
    for pk in Timesheet.objects.filter(status=T.OPEN, week_start__lt=this_monday).values_list("pk", flat=True):
        with transaction.atomic():
            timesheet = Timesheet.objects.select_for_update().select_related("contract__client").get(pk=pk)
            if timesheet.status != T.OPEN:
                continue
            timesheet.close_week()
            timesheet.save()
            log_action(None, "close_week", timesheet, from_state=T.OPEN)
            contract = timesheet.contract
            notify_party(
                contract.client,
                NotificationKind.TIMESHEET_IN_REVIEW,
                contract,
                actor=None,
                text=f"The week of {timesheet.week_start:%b} {timesheet.week_start.day} on “{contract.title}” is "
                f"ready for review: {hours(week_minutes(contract, timesheet.week_start))}. You can dispute time "
                "until Friday; then it is billed.",
            )
            closed += 1
    due = Timesheet.objects.filter(status__in=[T.IN_REVIEW, T.DISPUTED], review_ends_at__lte=now)
    for pk in due.values_list("pk", flat=True):
        try:
            if bill_timesheet(pk, now=now):
                billed += 1
        except PaymentDeclined:
            continue  # the client was told; the week stays in review and is tried again on the next run
    return {"closed": closed, "billed": billed}


def bill_timesheet(timesheet_or_pk: Timesheet | int, *, now: datetime) -> bool:
    """Bill one reviewed week at the contract's rate (disputed entries left out), through the gateway and the
    ledger, once. Returns False when someone else billed it first."""
    pk = timesheet_or_pk.pk if isinstance(timesheet_or_pk, Timesheet) else timesheet_or_pk
    try:
        with transaction.atomic():
            timesheet = (
                Timesheet.objects.select_for_update(of=("self",))
                .select_related("contract__client", "contract__freelancer")
                .get(pk=pk)
            )
            if timesheet.status not in (T.IN_REVIEW, T.DISPUTED):
                return False
            contract = timesheet.contract
            segments = timesheet.entries.filter(disputed=False).aggregate(s=Sum("segments"))["s"] or 0
            minutes = segments * SEGMENT_MINUTES
            assert contract.hourly_rate is not None  # timesheets are kept on hourly contracts only
            amount = to_money(contract.hourly_rate * Decimal(minutes) / Decimal(60))
            key = f"timesheet-{timesheet.pk}-bill"
            monday = timesheet.week_start
            description = f"{contract.title}: {hours(minutes)}, week of {monday:%b} {monday.day}"
            if amount > 0:
                charge = charge_client(contract.client, amount, key=key, description=description)
                ledger.pay_directly(
                    key, TransactionKind.HOURLY, contract, amount, description=description, reference=charge.reference
                )
            from_state = timesheet.status
            timesheet.bill(minutes=minutes, amount=amount, now=now)
            timesheet.save()
            log_action(None, "bill", timesheet, from_state=from_state, note=description)
            for recipient, text in (
                (contract.client, f"You were billed {format_money(amount)} for {description}"),
                (
                    contract.freelancer,
                    f"{description} was billed: {format_money(you_receive(amount))} is in your balance "
                    "(after the service fee)",
                ),
            ):
                notify_party(recipient, NotificationKind.TIMESHEET_BILLED, contract, actor=None, text=text)
    except PaymentDeclined as exc:
        ts = Timesheet.objects.select_related("contract__client").get(pk=pk)
        with transaction.atomic():
            notify_party(
                ts.contract.client,
                NotificationKind.PAYMENT_DECLINED,
                ts.contract,
                actor=None,
                text=f"Your payment for the week of {ts.week_start:%b} {ts.week_start.day} on "
                f"“{ts.contract.title}” did not go through: {exc.message}",
            )
        raise
    return True


def week_summary(contract: Contract, monday: date | None = None) -> dict[str, object]:
    """The week's total against the limit, for the contract page."""
    monday = monday or week_start(timezone.now())
    used = week_minutes(contract, monday)
    limit = _limit_minutes(contract)
    start, end = week_bounds(monday)
    return {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "minutes": used,
        "total": hours(used),
        "limit_hours": contract.weekly_limit,
        "remaining": None if limit is None else hours(max(0, limit - used)),
        "at_limit": limit is not None and used >= limit,
        "start": start,
        "end": end,
    }
