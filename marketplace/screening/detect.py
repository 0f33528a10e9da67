"""The risky-talk rule table, the finders for patterns without a readable first word, and the entry points."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .contact import (
    _CONTACT_RULES,
    _EMAIL_DOMAIN,
    _EMAIL_LETTERS,
    _EMAIL_OBFUSCATED,
    _EMAIL_PLAIN,
    _EMAIL_SPACED,
    _HANDLE_BEFORE_APP,
    _MESSENGER_INVITE,
    _PHONE_CANDIDATE,
    _PHONE_SPACED_DIGITS,
    _TLDS,
    _handles_before_apps,
    find_contact_details,
)
from .hits import Category, Hit, ScreeningResult
from .links import (
    _BARE_EXTENSION,
    _BRAND_AS_SUBDOMAIN,
    _BRAND_THEN_DOMAIN,
    _CONSOLE_SCRIPT,
    _CREDENTIALS_ELSEWHERE,
    _DISABLE_PROTECTION,
    _DOCUMENT_WORD,
    _DOWNLOAD_VERB,
    _ENABLE_MACROS,
    _FILE_HOST_LINK,
    _FILE_HOST_WORD,
    _IGNORE_WARNING,
    _IP_LINK,
    _LOOKALIKE_SITE,
    _OWN_LOGIN,
    _OWN_TEST_SERVER,
    _REMOTE_OR_INSTALL,
    _REQUEST_AFTER_LINK,
    _RISKY_EXTENSIONS,
    _RISKY_FILE,
    _RUN_AS_ADMIN,
    _RUN_SCRIPT,
    _SCRIPT_AS_DOCUMENT,
    _SHORTENED_LINK,
    _SIDELOADED_EXTENSION,
    _SITE_TLD_WORD,
    _WARNING_WORD,
    _accept_bare_extension,
    _accept_credentials_elsewhere,
    _accept_download_context,
    _accept_enable_macros,
    _accept_executable_link,
    _accept_ignore_warning,
    _accept_lookalike_site,
    _accept_own_login,
    _accept_request_after_link,
    _accept_risky_file,
    _accept_run_as_admin,
    _accept_script_as_document,
)
from .moving_off import (
    _ASK_CONTACT,
    _CALL_ME_LATER,
    _CHANNEL_INSTEAD,
    _CHANNEL_WORD,
    _CONTACT_ME_OFF,
    _DISPARAGE_CHAT,
    _INVITE_TO_DETAIL,
    _JOIN_CHANNEL,
    _MEET_IN_PERSON,
    _MOVE_TO_MESSENGER,
    _OWN_PORTAL,
    _TALK_ELSEWHERE,
    _TO_OUR_WORKSPACE,
    _WORKSPACE_INVITE,
    _accept_ask_contact,
    _accept_call_me_later,
    _accept_channel_instead,
    _accept_workspace_invite,
    details_with_invitation,
)
from .scan import _F, _NEGATION, _TOPIC, _Anchors, _match_at, _Rule, _run, _scan
from .terms import (
    _AVOID_FEES,
    _BEFORE_CONTRACT,
    _BYPASS,
    _CHOOSE_METHOD,
    _CONTRACT_FOLLOWS,
    _CONTRACT_LATER,
    _CONTRACT_NEXT_WEEK,
    _CONTRACT_ON_CONDITION,
    _EVALUATION,
    _FOR_FREE,
    _GIFT_CARDS,
    _HINGLISH_START,
    _HIRE_AFTER_WORK,
    _MAKE_IT_FREE,
    _NO_PAYMENT_NEEDED,
    _OFFER_AFTER_WORK,
    _OUTSIDE_PLATFORM,
    _OVERPAYMENT,
    _PAID_ONLY_IF,
    _PAY_DIRECTLY,
    _PAY_IN_KIND,
    _PAY_RAIL_OFFERED,
    _PAY_VIA,
    _PAY_WORD,
    _PAYMENT_CONTEXT,
    _PAYMENT_DETAILS_ASK,
    _SERVICE_AS_VERB,
    _SERVICE_MENTION,
    _SERVICE_SUITS,
    _SKIP_CONTRACT,
    _START_NEARBY,
    _TEST_NOT_PAID,
    _TRY_OUT_REASON,
    _UNPAID_WORK,
    _WITHOUT_CONTRACT,
    _WORK_THEN_CONTRACT,
    _WORK_TONIGHT,
    _WORK_VERB,
    _accept_contract_follows,
    _accept_for_free,
    _accept_make_it_free,
    _accept_offer_after_work,
    _accept_service_mention,
    _accept_work_tonight,
    _payment_or_contact,
)

_RISKY_RULES: tuple[_Rule, ...] = (
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_via_service", _PAY_VIA, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_via_service", _SERVICE_AS_VERB, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_via_service", _SERVICE_SUITS, negatable=True, topical=True),
    _Rule(
        Category.OFF_PLATFORM_PAYMENT,
        "payment_service",
        _SERVICE_MENTION,
        accept=_accept_service_mention,
        negatable=True,
        topical=True,
    ),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_directly", _PAY_DIRECTLY, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_via_service", _PAY_RAIL_OFFERED, negatable=True, topical=True),
    _Rule(
        Category.OFF_PLATFORM_PAYMENT,
        "outside_platform",
        _OUTSIDE_PLATFORM,
        negatable=True,
        categorize=_payment_or_contact,
    ),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "avoid_fees", _AVOID_FEES, negatable=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "bypass_platform", _BYPASS, negatable=True, categorize=_payment_or_contact),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "choose_payment_method", _CHOOSE_METHOD, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "gift_cards", _GIFT_CARDS, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "pay_in_kind", _PAY_IN_KIND, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "payment_details_request", _PAYMENT_DETAILS_ASK, negatable=True),
    _Rule(Category.OFF_PLATFORM_PAYMENT, "overpayment", _OVERPAYMENT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "start_before_contract", _BEFORE_CONTRACT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "start_without_contract", _WITHOUT_CONTRACT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _CONTRACT_LATER, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _CONTRACT_NEXT_WEEK, negatable=True),
    _Rule(
        Category.WORK_BEFORE_CONTRACT,
        "contract_later",
        _CONTRACT_FOLLOWS,
        accept=_accept_contract_follows,
        negatable=True,
    ),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _WORK_THEN_CONTRACT, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _HINGLISH_START, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _CONTRACT_ON_CONDITION, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "contract_later", _WORK_TONIGHT, accept=_accept_work_tonight, negatable=True),
    _Rule(Category.WORK_BEFORE_CONTRACT, "skip_contract", _SKIP_CONTRACT),
    _Rule(Category.WORK_BEFORE_CONTRACT, "hire_after_work", _HIRE_AFTER_WORK, negatable=True),
    _Rule(
        Category.WORK_BEFORE_CONTRACT,
        "hire_after_work",
        _OFFER_AFTER_WORK,
        accept=_accept_offer_after_work,
        negatable=True,
    ),
    _Rule(Category.UNPAID_WORK, "unpaid_test", _UNPAID_WORK, negatable=True),
    _Rule(Category.UNPAID_WORK, "unpaid_test", _TEST_NOT_PAID),
    _Rule(Category.UNPAID_WORK, "work_for_free", _FOR_FREE, accept=_accept_for_free, negatable=True),
    _Rule(Category.UNPAID_WORK, "paid_only_if_chosen", _PAID_ONLY_IF, negatable=True),
    _Rule(Category.UNPAID_WORK, "work_for_free", _NO_PAYMENT_NEEDED, negatable=True),
    _Rule(Category.UNPAID_WORK, "work_for_free", _MAKE_IT_FREE, accept=_accept_make_it_free, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "shortened_link", _SHORTENED_LINK),
    _Rule(Category.SUSPICIOUS_LINK, "lookalike_link", _BRAND_AS_SUBDOMAIN),
    _Rule(Category.SUSPICIOUS_LINK, "executable_file", _FILE_HOST_LINK, accept=_accept_executable_link),
    _Rule(Category.SUSPICIOUS_LINK, "disable_protection", _DISABLE_PROTECTION, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "file_download_link", _FILE_HOST_LINK, accept=_accept_download_context),
    _Rule(Category.SUSPICIOUS_LINK, "executable_file", _RISKY_FILE, accept=_accept_risky_file),
    _Rule(Category.SUSPICIOUS_LINK, "install_to_access", _REMOTE_OR_INSTALL, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "enable_macros", _ENABLE_MACROS, accept=_accept_enable_macros, negatable=True),
    _Rule(
        Category.SUSPICIOUS_LINK,
        "credentials_elsewhere",
        _CREDENTIALS_ELSEWHERE,
        accept=_accept_credentials_elsewhere,
        negatable=True,
        topical=True,
    ),
    _Rule(
        Category.SUSPICIOUS_LINK,
        "credentials_elsewhere",
        _REQUEST_AFTER_LINK,
        accept=_accept_request_after_link,
        negatable=True,
        topical=True,
    ),
    _Rule(
        Category.SUSPICIOUS_LINK,
        "credentials_elsewhere",
        _OWN_LOGIN,
        accept=_accept_own_login,
        negatable=True,
        topical=True,
    ),
    _Rule(Category.SUSPICIOUS_LINK, "ip_address_link", _IP_LINK),
    _Rule(Category.SUSPICIOUS_LINK, "executable_file", _SCRIPT_AS_DOCUMENT, accept=_accept_script_as_document),
    _Rule(Category.SUSPICIOUS_LINK, "lookalike_link", _LOOKALIKE_SITE, accept=_accept_lookalike_site, topical=True),
    _Rule(Category.SUSPICIOUS_LINK, "disable_protection", _IGNORE_WARNING, accept=_accept_ignore_warning),
    _Rule(Category.SUSPICIOUS_LINK, "run_script", _RUN_SCRIPT, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "run_script", _CONSOLE_SCRIPT, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "install_to_access", _SIDELOADED_EXTENSION, negatable=True),
    _Rule(Category.SUSPICIOUS_LINK, "executable_file", _BARE_EXTENSION, accept=_accept_bare_extension),
    _Rule(Category.SUSPICIOUS_LINK, "run_script", _RUN_AS_ADMIN, accept=_accept_run_as_admin, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "move_to_messenger", _MOVE_TO_MESSENGER, negatable=True),
    _Rule(
        Category.OFF_PLATFORM_CONTACT,
        "move_to_messenger",
        _WORKSPACE_INVITE,
        accept=_accept_workspace_invite,
        negatable=True,
    ),
    _Rule(Category.OFF_PLATFORM_CONTACT, "asks_for_contact", _ASK_CONTACT, accept=_accept_ask_contact, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "contact_me_directly", _CONTACT_ME_OFF, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "messenger_invite", _MESSENGER_INVITE, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "avoids_platform_chat", _DISPARAGE_CHAT),
    _Rule(Category.OFF_PLATFORM_CONTACT, "talk_elsewhere", _TALK_ELSEWHERE, negatable=True, topical=True),
    _Rule(
        Category.OFF_PLATFORM_CONTACT,
        "channel_instead",
        _CHANNEL_INSTEAD,
        accept=_accept_channel_instead,
        negatable=True,
        topical=True,
        categorize=_payment_or_contact,
    ),
    _Rule(Category.OFF_PLATFORM_CONTACT, "join_channel", _JOIN_CHANNEL, negatable=True, topical=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "meet_in_person", _MEET_IN_PERSON, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "call_me", _CALL_ME_LATER, accept=_accept_call_me_later, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "own_portal", _OWN_PORTAL, negatable=True),
    _Rule(Category.OFF_PLATFORM_CONTACT, "join_channel", _TO_OUR_WORKSPACE, negatable=True, topical=True),
)


_AT_WORD = re.compile(r"\bat\b|@")  # the "at" of an obfuscated email address, or an "@"
_TLD_WORD = re.compile(rf"\b{_TLDS}\b", _F)
_EXTENSION_WORD = re.compile(rf"\b{_RISKY_EXTENSIONS}\b", _F)
_ANY_DIGIT = re.compile(r"\d")
# What follows the "at" of _AT (either form), and the domain: an "at" may be an address's.
_AFTER_AT = re.compile(rf"(?:at|@)(?:\s*[\])}}>]\s*|\s+){_EMAIL_DOMAIN}", _F)
# The "@" of _EMAIL_PLAIN or _EMAIL_SPACED: a domain's first label and its dot follow.
_DOMAIN_AFTER_AT = re.compile(r"@\s*[a-z0-9][a-z0-9\-]*\s*\.", _F)
# Reversed runs, read backwards from a position (see _Scan.run_before).
_LOCAL_PART = re.compile(r"[\w.%+\-]*")
_SPACED_LOCAL_PART = re.compile(r"\s*[\w.+\-]*")
_FILE_NAME = re.compile(r"[\w.\-]*")
# What stands before the "at" of _EMAIL_OBFUSCATED, reversed: the space or bracket of _AT, then the local part's
# at most four words joined by the three forms of _DOT (".", " dot ", "[dot]"). Each word of the local part is a
# whole run of [\w+\-] (a _DOT begins and ends with none of those characters), so the run read backwards is the
# word, and the address starts at one of these words.
_LOCAL_PART_CHAIN = re.compile(
    r"(?:\s*[\[({<]\s*|\s+)[\w+\-]+(?:(?:\.|\s+tod\s+|\s*[\])}>]\s*(?:tod|\.)\s*[\[({<]\s*)[\w+\-]+){0,3}"
)
_LOCAL_PART_START = re.compile(r"(?<![\w.+\-'\u2019])[a-z0-9]", _F)  # as _EMAIL_OBFUSCATED starts


def _plain_emails(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """An address starts where the run of address characters before its "@" starts, or after a "%" in it."""
    scan = _scan(text)
    starts: set[int] = set()
    for at in scan.of(_AT_WORD):
        if not _DOMAIN_AFTER_AT.match(text, at):
            continue
        local = scan.run_before(_LOCAL_PART, at)
        starts.update((local, scan.run_before(_SPACED_LOCAL_PART, at)))
        percent = text.find("%", local, at)
        while percent != -1:
            starts.add(percent + 1)
            percent = text.find("%", percent + 1, at)
    return _match_at(pattern, text, sorted(starts))


def _obfuscated_emails(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """An address starts at one of the few words chained by "dot"s to an "at" that is followed by a domain."""
    scan = _scan(text)
    starts: set[int] = set()
    for at in scan.of(_AT_WORD):
        before = text[at - 1 : at]
        if before and (before.isspace() or before in "[({<") and _AFTER_AT.match(text, at):
            chain = scan.run_before(_LOCAL_PART_CHAIN, at)
            starts.update(m.start() for m in _LOCAL_PART_START.finditer(text, chain, at))
    return _match_at(pattern, text, sorted(starts))


def _risky_files(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """A file name starts where the run of file-name characters before its extension starts."""
    scan = _scan(text)
    starts: set[int] = set()
    previous = start = 0
    for at in scan.of(_EXTENSION_WORD):
        # The run back to the previous extension is the same run: read it once ("a.exe.exe.exe...").
        start = start if (found := scan.run_before(_FILE_NAME, at, previous)) == previous else found
        previous = at
        if text[at - 1 : at] == ".":
            starts.add(start)
    return _match_at(pattern, text, sorted(starts))


def _phones(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    # Scanned whole (cheap: its lookbehind fails fast), but only when there is a digit.
    return pattern.finditer(text) if _ANY_DIGIT.search(text) else iter(())


def _letter_emails(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    # Scanned whole, but only when there is an "@" (an address spelled a letter at a time has one).
    return pattern.finditer(text) if "@" in text else iter(())


# What every brand's domain followed by another has: ".com." or the like. A pattern that starts with a literal is
# found at the speed of a string search; _BRAND_THEN_DOMAIN (a lookbehind first) is tried at every position.
_DOMAIN_THEN_DOMAIN = re.compile(r"\.(?:com|ms|it|net|org|co|us|io|me)\.[a-z0-9]", _F)


def _brand_links(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    # Scanned whole, but only when a brand's domain is followed by another domain somewhere in the text.
    if _DOMAIN_THEN_DOMAIN.search(text) and _BRAND_THEN_DOMAIN.search(text):
        return pattern.finditer(text)
    return iter(())


_SITE_CHARS = re.compile(r"[\w.\-]*")  # read backwards from a top-level domain: the site's labels and dots


def _lookalike_sites(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """A site starts where the run of site characters before its top-level domain starts (or after the scheme)."""
    scan = _scan(text)
    starts: set[int] = set()
    previous = start = 0
    for at in scan.of(_SITE_TLD_WORD):
        if text[at - 1 : at] != ".":
            continue
        start = start if (found := scan.run_before(_SITE_CHARS, at, previous)) == previous else found
        previous = at
        starts.add(start)
        for scheme in ("https://", "http://"):
            if text.startswith(scheme, start - len(scheme)):
                starts.add(start - len(scheme))
    return _match_at(pattern, text, sorted(starts))


def _channels_instead(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    scan = _scan(text)
    if "than" in scan.folded or "not" in scan.folded or "instead" in scan.folded:
        return _match_at(pattern, text, scan.of(_CHANNEL_WORD))
    return iter(())


_Finder = Callable[[re.Pattern[str], str], Iterator[re.Match[str]]]
_FINDERS: dict[int, _Finder] = {
    id(_EMAIL_PLAIN): _plain_emails,
    id(_EMAIL_SPACED): _plain_emails,
    id(_EMAIL_OBFUSCATED): _obfuscated_emails,
    id(_RISKY_FILE): _risky_files,
    id(_PHONE_CANDIDATE): _phones,
    id(_PHONE_SPACED_DIGITS): _phones,
    id(_EMAIL_LETTERS): _letter_emails,
    id(_BRAND_AS_SUBDOMAIN): _brand_links,
    id(_HANDLE_BEFORE_APP): _handles_before_apps,
    id(_CHANNEL_INSTEAD): _channels_instead,
    id(_LOOKALIKE_SITE): _lookalike_sites,
}
_ANCHORS = _Anchors(
    [rule.pattern for rule in _CONTACT_RULES + _RISKY_RULES if id(rule.pattern) not in _FINDERS]
    + [_NEGATION, _TOPIC, _PAYMENT_CONTEXT, _EVALUATION, _DOWNLOAD_VERB, _DOCUMENT_WORD, _PAY_WORD, _START_NEARBY]
    + [_FILE_HOST_WORD, _INVITE_TO_DETAIL, _TRY_OUT_REASON, _CHANNEL_WORD]
    + [_AT_WORD, _TLD_WORD, _EXTENSION_WORD, _SITE_TLD_WORD, _WARNING_WORD, _OWN_TEST_SERVER, _WORK_VERB]
)


def find_risky_talk(text: str) -> list[Hit]:
    """Off-platform payment, work before a contract, unpaid tests, suspicious downloads, moving off-platform."""
    if not text:
        return []
    return _run(_RISKY_RULES, text)


# --------------------------------------------------------------------------------------------------------------
# Public helpers
# --------------------------------------------------------------------------------------------------------------


def screen(text: str) -> ScreeningResult:
    """Run both detectors."""
    contact = find_contact_details(text)
    risky = find_risky_talk(text)
    if contact:
        risky += details_with_invitation(text, contact, _scan(text).finditer(_INVITE_TO_DETAIL))
    return ScreeningResult(tuple(contact), tuple(sorted(risky, key=lambda h: (h.start, h.end))))


def snippet(text: str, hit: Hit, context: int = 40, marks: tuple[str, str] = ("«", "»")) -> str:
    """The hit with up to ``context`` characters either side, whitespace collapsed, for moderators.

    >>> snippet("Hello, pay me via PayPal please", Hit(Category.OFF_PLATFORM_PAYMENT, "k", "pay me via PayPal", 7, 24))
    'Hello, «pay me via PayPal» please'
    """
    left = max(0, hit.start - context)
    right = min(len(text), hit.end + context)
    before = text[left : hit.start]
    after = text[hit.end : right]
    if left > 0:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if right < len(text):
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    out = f"{before}{marks[0]}{text[hit.start : hit.end]}{marks[1]}{after}"
    return re.sub(r"\s+", " ", out).strip()
