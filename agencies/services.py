"""Agency actions, one function per user action: permission check, transaction, row lock, FSM transition, related
rows, one activity entry (`log_action`) and notification rows (`messaging.services.notify`, emailed on commit).

Refusals: `PermissionDenied` for someone who may not act; `ActionNotAllowed` (with words for the person) for a
state that does not allow the action; `ValidationError`, keyed by field, for bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from marketplace.activity.services import log_action
from messaging.models import NotificationKind
from messaging.services import notify

from . import hooks
from .models import (
    MANAGERS,
    Agency,
    AgencyMembership,
    AgencyStatus,
    MembershipStatus,
    Role,
)

if TYPE_CHECKING:
    from marketplace.accounts.models import User

NAME_MAX_LENGTH = 120
NOTE_MAX_LENGTH = 500


class ActionNotAllowed(Exception):
    """A rule refuses the action; `message` says why, in words for the person."""

    def __init__(self, message: str, *, code: str = "not_allowed") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# Locks and checks ----------------------------------------------------------------------------------------------
def lock_agency(agency: Agency | int) -> Agency:
    return Agency.objects.select_for_update().get(pk=getattr(agency, "pk", agency))


def lock_membership(membership: AgencyMembership | int) -> AgencyMembership:
    pk = membership.pk if isinstance(membership, AgencyMembership) else membership
    return AgencyMembership.objects.select_for_update(of=("self",)).select_related("agency", "user").get(pk=pk)


def _active_membership(agency: Agency, user: User | None) -> AgencyMembership | None:
    if user is None or not user.is_authenticated:
        return None
    return AgencyMembership.objects.filter(agency=agency, user=user, status=MembershipStatus.ACTIVE).first()


def require_manager(agency: Agency, user: User | None, what: str) -> AgencyMembership:
    """`user`'s active owner or admin membership; PermissionDenied for anyone else."""
    mine = _active_membership(agency, user)
    if mine is None or mine.role not in MANAGERS:
        raise PermissionDenied(f"Only the agency's owners and admins can {what}.")
    return mine


def require_active(agency: Agency, what: str) -> None:
    if agency.status == AgencyStatus.SUSPENDED:
        raise ActionNotAllowed(f"This agency is suspended by a moderator, so you can't {what}.", code="suspended")


def _owners(agency: Agency) -> QuerySet[AgencyMembership]:
    return AgencyMembership.objects.filter(agency=agency, role=Role.OWNER, status=MembershipStatus.ACTIVE)


def _tell_managers(agency: Agency, *, actor: User, text: str, except_user: User | None = None) -> None:
    managers = (
        AgencyMembership.objects.filter(agency=agency, role__in=MANAGERS, status=MembershipStatus.ACTIVE)
        .exclude(user=except_user)
        .select_related("user")
    )
    for m in managers:
        notify(m.user, NotificationKind.AGENCY_MEMBERSHIP, actor=actor, text=text, url=agency.get_absolute_url())


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "agency"
    slug, n = base, 1
    while Agency.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Actions -------------------------------------------------------------------------------------------------------
def create_agency(*, by: User, name: str, description: str = "", skills: Iterable[str] = ()) -> Agency:
    """A freelancer creates an agency and becomes its first owner.

    Side effects: one Agency row, its skills, the creator's owner membership (active), one activity entry.
    """
    if by is None or not by.is_authenticated or not by.is_freelancer:
        raise PermissionDenied("Only freelancers can create an agency.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the agency a name."}, code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError({"name": f"Keep the name to {NAME_MAX_LENGTH} characters."}, code="max_length")
    with transaction.atomic():
        agency = Agency.objects.create(
            name=name, slug=_unique_slug(name), description=(description or "").strip()[:5000], created_by=by
        )
        if skills:
            agency.skills.add(*skills)
        owner = AgencyMembership(agency=agency, user=by, role=Role.OWNER, invited_by=by, may_be_named=True)
        owner.accept()
        owner.save()
        log_action(by, "create_agency", agency, note=name)
    return agency


def invite_member(agency: Agency, *, by: User, username: str, role: str = Role.MEMBER) -> AgencyMembership:
    """ "Add member": an owner or admin invites an existing freelancer by username; they accept or decline.

    Side effects: one invited membership, one activity entry, a notification to the freelancer.
    """
    username = (username or "").strip().lstrip("@")
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role from the list."})
    with transaction.atomic():
        agency = lock_agency(agency)
        mine = require_manager(agency, by, "add members")
        require_active(agency, "add members")
        if role == Role.OWNER and mine.role != Role.OWNER:
            raise PermissionDenied("Only an owner can add another owner.")
        user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if user is None or not user.is_freelancer:
            raise ValidationError({"username": f"There is no freelancer with the username “{username}”."})
        existing = AgencyMembership.objects.filter(
            agency=agency, user=user, status__in=[MembershipStatus.INVITED, MembershipStatus.ACTIVE]
        ).first()
        if existing is not None:
            what = "is already a member" if existing.is_active else "is already invited"
            raise ValidationError({"username": f"{user.username} {what}."})
        try:
            with transaction.atomic():
                membership = AgencyMembership.objects.create(agency=agency, user=user, role=role, invited_by=by)
        except IntegrityError as exc:  # a second click raced the first one
            raise ValidationError({"username": f"{user.username} is already invited."}) from exc
        log_action(
            by, "invite_member", membership, from_state="", note=f"{user.username} as {membership.get_role_display()}"
        )
        notify(
            user,
            NotificationKind.AGENCY_INVITATION,
            actor=by,
            text=f"{by} invited you to join the agency “{agency.name}” as {membership.get_role_display().lower()}",
            url=agency.get_absolute_url(),
        )
    return membership


def _answer(membership: AgencyMembership, *, by: User, accept: bool) -> AgencyMembership:
    with transaction.atomic():
        locked = lock_membership(membership)
        if by is None or by.pk != locked.user_id:
            raise PermissionDenied("Only the freelancer invited can answer this invitation.")
        if locked.status != MembershipStatus.INVITED:
            done = {
                MembershipStatus.ACTIVE: "You already accepted this invitation.",
                MembershipStatus.DECLINED: "You already declined this invitation.",
            }.get(locked.status, "This invitation was withdrawn.")
            raise ActionNotAllowed(done, code="answered")
        if accept:
            require_active(locked.agency, "join it")
            locked.accept()
        else:
            locked.decline()
        locked.save()
        log_action(
            by, "accept_membership" if accept else "decline_membership", locked, from_state=MembershipStatus.INVITED
        )
        verb = "joined" if accept else "declined to join"
        _tell_managers(locked.agency, actor=by, text=f"{by} {verb} the agency “{locked.agency.name}”")
    return locked


def accept_membership(membership: AgencyMembership, *, by: User) -> AgencyMembership:
    """The invited freelancer accepts and becomes an active member.

    Side effects: the membership becomes active; one activity entry; the agency's owners and admins are told.
    """
    return _answer(membership, by=by, accept=True)


def decline_membership(membership: AgencyMembership, *, by: User) -> AgencyMembership:
    """The invited freelancer declines.

    Side effects: the membership is declined; one activity entry; the agency's owners and admins are told.
    """
    return _answer(membership, by=by, accept=False)


def remove_member(membership: AgencyMembership, *, by: User) -> AgencyMembership:
    """An owner or admin removes a member (or withdraws an invitation). Access ends at once: the membership is
    no longer active, and `hooks.membership_ended` lets the layers above take the person out of the agency's rooms.
    Admins cannot remove owners; the last owner cannot be removed.

    Side effects: the membership becomes removed; the layers above are told (`hooks.membership_ended`); one
    activity entry; the person is told.
    """
    with transaction.atomic():
        locked = lock_membership(membership)
        agency = lock_agency(locked.agency_id)
        mine = require_manager(agency, by, "remove members")
        if locked.status not in (MembershipStatus.INVITED, MembershipStatus.ACTIVE):
            raise ActionNotAllowed(f"{locked.user.username} is no longer a member.", code="not_member")
        if locked.user_id == by.pk:
            raise ActionNotAllowed("To leave the agency yourself, use “Leave agency”.", code="self")
        if locked.role == Role.OWNER and mine.role != Role.OWNER:
            raise PermissionDenied("Only an owner can remove another owner.")
        from_state = locked.status
        locked.remove()
        locked.save()
        if from_state == MembershipStatus.ACTIVE:
            hooks.membership_ended(agency=agency, user=locked.user, by=by)
        log_action(by, "remove_member", locked, from_state=from_state, note=locked.user.username)
        notify(
            locked.user,
            NotificationKind.AGENCY_MEMBERSHIP,
            actor=by,
            text=f"{by} removed you from the agency “{agency.name}”"
            if from_state == MembershipStatus.ACTIVE
            else f"{by} withdrew your invitation to the agency “{agency.name}”",
            url=agency.get_absolute_url(),
        )
    return locked


def leave_agency(agency: Agency, *, by: User) -> AgencyMembership:
    """ "Leave agency": a member leaves. The last owner cannot leave (add another owner first).

    Side effects: the membership becomes left; the layers above are told (`hooks.membership_ended`); one
    activity entry; owners and admins are told.
    """
    with transaction.atomic():
        agency = lock_agency(agency)
        mine = _active_membership(agency, by)
        if mine is None:
            raise PermissionDenied("You are not a member of this agency.")
        mine = lock_membership(mine)
        if mine.role == Role.OWNER and not _owners(agency).exclude(pk=mine.pk).exists():
            raise ActionNotAllowed(
                "You are the agency's last owner, so you can't leave it. Add another owner first.", code="last_owner"
            )
        mine.leave()
        mine.save()
        hooks.membership_ended(agency=agency, user=by, by=by)
        log_action(by, "leave_agency", mine, from_state=MembershipStatus.ACTIVE)
        _tell_managers(agency, actor=by, text=f"{by} left the agency “{agency.name}”", except_user=by)
    return mine


def set_may_be_named(agency: Agency, *, by: User, agree: bool) -> AgencyMembership:
    """A member agrees (or stops agreeing) that the agency may name them on proposals it sends.

    Side effects: the membership's `may_be_named`; one activity entry.
    """
    with transaction.atomic():
        mine = _active_membership(agency, by)
        if mine is None:
            raise PermissionDenied("You are not a member of this agency.")
        mine = lock_membership(mine)
        if mine.may_be_named != agree:
            mine.may_be_named = agree
            mine.save(update_fields=["may_be_named"])
            log_action(by, "agree_to_be_named" if agree else "stop_being_named", mine, to_state="")
    return mine


def suspend_agency(agency: Agency, *, by: User, note: str = "") -> Agency:
    """A moderator suspends an agency: it can no longer send proposals, add members or take new members, and
    its open applications are closed (by the hiring layer, through `hooks.agency_suspended`).

    Side effects: the agency becomes suspended; the layers above are told (`hooks.agency_suspended`); one
    activity entry; its owners are told.
    """
    return _moderate(agency, by=by, note=note, suspend=True)


def reinstate_agency(agency: Agency, *, by: User, note: str = "") -> Agency:
    """A moderator lifts an agency's suspension.

    Side effects: the agency becomes active; one activity entry; its owners are told.
    """
    return _moderate(agency, by=by, note=note, suspend=False)


def _moderate(agency: Agency, *, by: User, note: str, suspend: bool) -> Agency:
    if by is None or not getattr(by, "is_moderator", False):
        raise PermissionDenied("Only moderators can suspend or reinstate an agency.")
    note = (note or "").strip()[:NOTE_MAX_LENGTH]
    with transaction.atomic():
        locked = lock_agency(agency)
        from_state = locked.status
        if suspend:
            if locked.status == AgencyStatus.SUSPENDED:
                raise ActionNotAllowed(f"{locked.name} is already suspended.", code="suspended")
            locked.suspend(note=note)
            hooks.agency_suspended(agency=locked, by=by, note=note)
        else:
            if locked.status != AgencyStatus.SUSPENDED:
                raise ActionNotAllowed(f"{locked.name} is not suspended.", code="active")
            locked.reinstate(note=note)
        locked.save()
        log_action(by, "suspend_agency" if suspend else "reinstate_agency", locked, from_state=from_state, note=note)
        text = (
            f"A moderator suspended the agency “{locked.name}”"
            if suspend
            else f"A moderator reinstated the agency “{locked.name}”"
        )
        for owner in _owners(locked).select_related("user"):
            notify(owner.user, NotificationKind.AGENCY_MEMBERSHIP, actor=None, text=text, url=locked.get_absolute_url())
    return locked
