"""Screening: corpus precision/recall and focused unit tests. Pure Python, no database."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from marketplace.screening import (
    RISKY_CATEGORIES,
    Category,
    Hit,
    ScreeningResult,
    find_contact_details,
    find_risky_talk,
    screen,
    snippet,
)
from marketplace.screening import scan as scanning

CORPUS = json.loads((Path(__file__).parent / "corpus.json").read_text(encoding="utf-8"))
MIN_PRECISION = 0.95
MIN_RECALL = 0.90
MIN_SENTENCES = 60

Detector = Callable[[str], list[Hit]]
DETECTORS: dict[str, Detector] = {"contact_details": find_contact_details, "risky_talk": find_risky_talk}


def _labelled(name: str) -> list[tuple[str, bool]]:
    section = CORPUS[name]
    negatives = section["negative"] + CORPUS["neutral"]
    return [(s, True) for s in section["positive"]] + [(s, False) for s in negatives]


def _score(name: str) -> tuple[float, float, list[str], list[str]]:
    detector = DETECTORS[name]
    tp = fp = fn = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for sentence, expected in _labelled(name):
        found = bool(detector(sentence))
        if found and expected:
            tp += 1
        elif found:
            fp += 1
            false_alarms.append(sentence)
        elif expected:
            fn += 1
            misses.append(sentence)
    return tp / (tp + fp), tp / (tp + fn), misses, false_alarms


# --------------------------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_corpus_is_big_enough(name: str) -> None:
    assert len(CORPUS[name]["positive"]) >= MIN_SENTENCES
    assert len(CORPUS[name]["negative"]) >= MIN_SENTENCES
    assert not set(CORPUS[name]["positive"]) & set(CORPUS[name]["negative"] + CORPUS["neutral"])


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_corpus_precision_and_recall(name: str) -> None:
    precision, recall, misses, false_alarms = _score(name)
    positives = len(CORPUS[name]["positive"])
    negatives = len(CORPUS[name]["negative"]) + len(CORPUS["neutral"])
    print(f"\n{name}: precision={precision:.3f} recall={recall:.3f} ({positives} positive, {negatives} negative)")
    assert precision >= MIN_PRECISION, f"false alarms: {false_alarms}"
    assert recall >= MIN_RECALL, f"missed: {misses}"


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_every_corpus_hit_points_at_its_text(name: str) -> None:
    for sentence, _expected in _labelled(name):
        for hit in DETECTORS[name](sentence):
            assert sentence[hit.start : hit.end] == hit.text
            assert hit.text.strip() == hit.text


# --------------------------------------------------------------------------------------------------------------
# Contact details
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("mail me at ana.perez@gmail.com today", "email", "ana.perez@gmail.com"),
        ("it's name at gmail dot com", "email_obfuscated", "name at gmail dot com"),
        ("it's name [at] gmail [dot] com", "email_obfuscated", "name [at] gmail [dot] com"),
        ("Call +44 20 7946 0958 now", "phone", "+44 20 7946 0958"),
        ("Call (555) 123-4567 now", "phone", "(555) 123-4567"),
        ("Call 555.123.4567 now", "phone", "555.123.4567"),
        ("Call 07700 900123 now", "phone", "07700 900123"),
        ("reach me: t.me/some_handle.", "messenger_link", "t.me/some_handle"),
        ("or wa.me/447700900123", "messenger_link", "wa.me/447700900123"),
        ("skype: john.doe", "messenger_handle", "skype: john.doe"),
        ("telegram @handle_1", "messenger_handle", "telegram @handle_1"),
        ("my discord is nightowl#1234", "contact_handle", "my discord is nightowl#1234"),
        ("Add me on WhatsApp!", "messenger_invite", "Add me on WhatsApp"),
    ],
)
def test_contact_detail_kinds_and_spans(text: str, kind: str, expected: str) -> None:
    hits = find_contact_details(text)
    assert [(h.kind, h.text) for h in hits] == [(kind, expected)]
    assert hits[0].category is Category.CONTACT_DETAILS


@pytest.mark.parametrize(
    "text",
    [
        "I use PayPal's API at work",
        "my email skills are strong",
        "call me by my first name",
        "I have 10 years of experience",
        "budget is $1,500",
        "version 2.3.1",
        "email marketing campaigns",
        "phone app development",
        "the Telegram bot I built",
        "we need 10-15 hours a week in 2024",
        "due 2024-06-30 or 30/06/2024",
        "I'm good at Python dot NET",
        "Check the docs at docs.djangoproject.com",
        "The server is 192.168.1.100",
        "Our API serves 1 000 000 000 requests",
        "Signal protocol and WhatsApp Business API experience",
        "price: $1,200 per month, 1,234,567 views",
    ],
)
def test_contact_tricky_negatives(text: str) -> None:
    assert find_contact_details(text) == []


def test_phone_needs_a_hint_when_it_is_a_bare_digit_run() -> None:
    assert find_contact_details("SKU 4006381333 restocked") == []
    assert [h.kind for h in find_contact_details("call me, 4006381333")] == ["phone"]


@pytest.mark.parametrize(
    "text",
    [
        "the invoice number is 2031-0058 for your files",
        "order no. 5532 8812 001 ships tomorrow",
        "tracking # 7741 2290 3381 is with the courier",
        "ref code 4471 5523 0091 goes on each parcel",
        "serial number 0412 5588 9931 is on the back",
        "customer id: 0800 123 4567",
        "IBAN GB29 NWBK 6016 1331 9268 19 is in the contract",
    ],
)
def test_a_number_labelled_as_something_else_is_not_a_phone(text: str) -> None:
    """Seventh pass: the last label before the number decides (an invoice/order/reference... number is not one)."""
    assert [h.kind for h in find_contact_details(text) if h.kind == "phone"] == []


@pytest.mark.parametrize(
    "text",
    ["my phone number is 0800 123 4567", "invoice sent; call me on 4471 5523 0091", "order done, text 07700 900123"],
)
def test_a_phone_label_after_another_label_still_cues_a_phone(text: str) -> None:
    assert [h.kind for h in find_contact_details(text)] == ["phone"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm Jonas, jonas_builds on discord, I handle the Unity side", "jonas_builds on discord"),
        ("the producer is on skype as beats.by.kofi", "on skype as beats.by.kofi"),
        ("Our QA lead uses the handle qa_marek on telegram", "qa_marek on telegram"),
        ("you can also use my work skype, s.ivanova.translate", "my work skype, s.ivanova.translate"),
        ("here is my contact, carlos.mendez.ux (skype)", "carlos.mendez.ux (skype)"),
        ("the locksmith is on whatsapp (marek.keys)", "whatsapp (marek.keys)"),
        ("she's on telegram as lena_sews too", "on telegram as lena_sews"),
    ],
)
def test_a_handle_told_inside_a_sentence(text: str, expected: str) -> None:
    """Tenth pass: a handle shaped like one (a dot or an underscore inside) before "on <app>" or "(<app>)", after
    "on <app> as", "<app> (...)" or "my <app>,"."""
    assert [(h.kind, h.text) for h in find_contact_details(text)] == [("told_handle", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "I posted mix_final on discord",
        "the file mix_final.wav on whatsapp is too quiet",
        "v2.1 on discord has the new bot",
        "we talk, e.g. on whatsapp or by phone",
        "Node.js on discord is a busy server",
        "I am on slack as well",
        "my skype, unfortunately, is broken",
        "he joined on telegram as a moderator",
    ],
)
def test_a_handle_told_inside_a_sentence_needs_a_handle(text: str) -> None:
    assert [h.kind for h in find_contact_details(text)] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The tailor uses Line (mika_sews) for orders", "told_handle"),
        ("I'm on Discord as pixelsmith#2048", "told_handle"),
        ("you can find me as anja.04 on Signal", "told_handle"),
        ("Telegram is easiest for the site visits — piotr.tiles", "told_handle"),
        ("Most of my clients know me on Snapchat, I'm dev.nour", "told_handle"),
        ("For the invoices write by email: accounts-team at brightledger.co.uk", "email_obfuscated"),
        ("email: anna at studio-k.de", "email_obfuscated"),
        ("Ring the workshop, 91 555 32 10, they open at nine", "phone"),
        ("the site office is on 612 34 56 78", "phone"),
    ],
)
def test_eleventh_pass_contact_shapes(text: str, kind: str) -> None:
    """Eleventh pass: Line/Signal handles, Discord tags, "on <app>, I'm x.y", "<app> ... — x.y", "name at
    domain.tld" after an email cue, and phones in national pair groupings."""
    assert [h.kind for h in find_contact_details(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "I emailed the team at acme.co.uk yesterday",
        "She works as a lead at brightledger.co.uk",
        "We use Slack — see the node.js docs",
        "The line (thick_border) style is in the CSS",
        "I'm on Discord as a moderator",
        "the total was 1 250 000 items",
    ],
)
def test_eleventh_pass_contact_shapes_need_a_handle_or_an_address(text: str) -> None:
    assert find_contact_details(text) == []


def test_overlapping_contact_hits_are_merged() -> None:
    text = "ping me on Telegram: @mariadev"
    (hit,) = find_contact_details(text)
    assert hit.text == text[hit.start : hit.end] == "ping me on Telegram: @mariadev"


def test_several_contact_details_in_one_message_each_with_offsets() -> None:
    text = "Email bob@example.com or call +1 202 555 0143, skype: bob.k"
    hits = find_contact_details(text)
    assert [h.kind for h in hits] == ["email", "phone", "messenger_handle"]
    assert [text[h.start : h.end] for h in hits] == ["bob@example.com", "+1 202 555 0143", "skype: bob.k"]
    assert [h.start for h in hits] == sorted(h.start for h in hits)


# --------------------------------------------------------------------------------------------------------------
# Risky talk
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("let's pay via PayPal directly", Category.OFF_PLATFORM_PAYMENT),
        ("I'll pay you directly to save the fees", Category.OFF_PLATFORM_PAYMENT),
        ("Payment by wire transfer or Western Union", Category.OFF_PLATFORM_PAYMENT),
        ("buy two gift cards and send me the codes", Category.OFF_PLATFORM_PAYMENT),
        ("We pay in USDT only", Category.OFF_PLATFORM_PAYMENT),
        ("Will you accept payment in Monero?", Category.OFF_PLATFORM_PAYMENT),
        ("I pay all my photographers with Amazon vouchers", Category.OFF_PLATFORM_PAYMENT),
        ("We'll pay you in euros by bank, the fee here is silly", Category.OFF_PLATFORM_PAYMENT),
        ("choose your payment method", Category.OFF_PLATFORM_PAYMENT),
        ("Half upfront via MoneyGram, the rest when the shoot is done", Category.OFF_PLATFORM_PAYMENT),
        ("Can I pay the retainer in USDC instead?", Category.OFF_PLATFORM_PAYMENT),
        ("Send your sort code and account number and I'll pay you tonight", Category.OFF_PLATFORM_PAYMENT),
        ("Please share your UPI id, I will transfer the balance", Category.OFF_PLATFORM_PAYMENT),
        ("could u send it on GPay instead", Category.OFF_PLATFORM_PAYMENT),
        ("My cousin will pay you through Remitly", Category.OFF_PLATFORM_PAYMENT),
        ("log into your account at rnarketplace.com to see the offer", Category.SUSPICIOUS_LINK),
        ("sign in at upvvork-jobs.com to accept the contract", Category.SUSPICIOUS_LINK),
        ("start working now before the contract", Category.WORK_BEFORE_CONTRACT),
        ("start now, we'll sort the contract later", Category.WORK_BEFORE_CONTRACT),
        ("begin today without an offer", Category.WORK_BEFORE_CONTRACT),
        ("please do a free test task", Category.UNPAID_WORK),
        ("it's an unpaid trial", Category.UNPAID_WORK),
        ("download the brief from bit.ly/abc123", Category.SUSPICIOUS_LINK),
        ("run the setup.exe from drive.google.com/file/d/xyz", Category.SUSPICIOUS_LINK),
        ("let's move this chat to WhatsApp", Category.OFF_PLATFORM_CONTACT),
        ("add me on WhatsApp", Category.OFF_PLATFORM_CONTACT),
    ],
)
def test_risky_categories(text: str, category: Category) -> None:
    hits = find_risky_talk(text)
    assert category in {h.category for h in hits}
    assert all(h.category in RISKY_CATEGORIES for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "I use PayPal's API at work",
        "I integrated Stripe and PayPal checkout for a client",
        "we pay through the platform's escrow",
        "I'll send the test results in the room",
        "the contract starts Monday once you accept the offer",
        "crypto exchange UI design",
        "Our SaaS has a 14-day free trial",
        "Feel free to send questions",
        "Please don't start work before the contract is in place",
        "We never ask for payment outside the platform",
        "Users choose their payment method at checkout",
        "The test task is paid at your hourly rate",
        "I can start immediately once hired",
        "Send me the Venmo logo for the payment page",
        "Bank transfer is one of the payment methods our shop should show",
        "The charity's donation page needs PayPal and card payments",
        "Our client pays by cheque, so we need a cheque-printing module in the app",
        "No need to start before the contract, take your time",
        "Our marketplace app needs Venmo payouts",
        "The app needs to show UPI, GCash and card as payment methods",
        "Please translate our FAQ about paying with Bizum and Twint",
        "What's your number one priority this week?",
        "what is your number of revisions per package?",
    ],
)
def test_risky_tricky_negatives(text: str) -> None:
    assert find_risky_talk(text) == []


def test_negation_only_covers_its_own_clause() -> None:
    assert find_risky_talk("Never pay outside the platform") == []
    assert find_risky_talk("I don't have PayPal business, so I'll pay you via Venmo")


def test_payment_outside_vs_moving_outside() -> None:
    (pay,) = find_risky_talk("Let's settle the payment outside the platform")
    (move,) = find_risky_talk("Let's talk outside the platform")
    assert pay.category is Category.OFF_PLATFORM_PAYMENT
    assert move.category is Category.OFF_PLATFORM_CONTACT


def test_risky_hit_offsets() -> None:
    text = "Great profile! let's pay via PayPal directly, start now"
    (hit,) = find_risky_talk(text)
    assert (hit.category, hit.kind) == (Category.OFF_PLATFORM_PAYMENT, "pay_via_service")
    assert text[hit.start : hit.end] == hit.text == "pay via PayPal directly"
    assert (hit.start, hit.end) == (21, 44)


# --------------------------------------------------------------------------------------------------------------
# Hit, screen() and snippet()
# --------------------------------------------------------------------------------------------------------------


def test_hit_is_a_small_frozen_value() -> None:
    hit = Hit(Category.CONTACT_DETAILS, "email", "a@b.io", 3, 9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.start = 0  # type: ignore[misc]
    assert hit == Hit(Category.CONTACT_DETAILS, "email", "a@b.io", 3, 9)
    assert hit.as_dict() == {"category": "contact_details", "kind": "email", "text": "a@b.io", "start": 3, "end": 9}
    assert json.dumps(hit.as_dict())


def test_screen_combines_both_detectors() -> None:
    result = screen("Add me on WhatsApp +44 7700 900123 and I'll pay you via Zelle, start before the contract")
    assert isinstance(result, ScreeningResult)
    assert result.has_contact_details and result.is_risky and result
    assert result.categories == {
        Category.CONTACT_DETAILS,
        Category.OFF_PLATFORM_CONTACT,
        Category.OFF_PLATFORM_PAYMENT,
        Category.WORK_BEFORE_CONTRACT,
    }
    assert [h.start for h in result.hits] == sorted(h.start for h in result.hits)


@pytest.mark.parametrize("text", ["", "   ", "Thanks, I'll review the milestones tonight."])
def test_screen_clean_text(text: str) -> None:
    result = screen(text)
    assert not result
    assert not result.has_contact_details and not result.is_risky
    assert result.categories == frozenset()


def test_snippet_marks_the_hit_with_context() -> None:
    text = "Hello! " * 20 + "please pay me via PayPal directly, it is faster for me" + " ok" * 30
    (hit,) = find_risky_talk(text)
    out = snippet(text, hit, context=20)
    assert "«pay me via PayPal directly»" in out
    assert out.startswith("…") and out.endswith("…")
    assert len(out) < 20 * 2 + len(hit.text) + 6


def test_snippet_of_short_text_has_no_ellipsis() -> None:
    text = "skype: bob.k"
    (hit,) = find_contact_details(text)
    assert snippet(text, hit) == "«skype: bob.k»"


def test_curly_apostrophes_count_like_straight_ones() -> None:
    assert find_risky_talk("Don\u2019t wait for the contract, start today")
    assert find_risky_talk("Please don\u2019t start before the contract") == []


@pytest.mark.parametrize(
    "text",
    ["1-" * 5000, "dot " * 3000, "a at b dot " * 2000, "a.b." * 5000 + "exe", "start work " * 2000, "+1 " * 4000],
)
def test_adversarial_input_stays_fast(text: str) -> None:
    started = time.perf_counter()
    screen(text)
    assert time.perf_counter() - started < 2.0  # linear patterns: ~0.01 s here; quadratic ones took seconds


def _seconds(text: str) -> float:
    scanning._scan.cache_clear()  # a text screened again reuses its scan
    started = time.perf_counter()
    screen(text)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ["pay via paypal ", "pay me via PayPal outside the platform. ", "for free test "])
def test_screening_time_is_linear_in_length(unit: str) -> None:
    # Each hit used to rescan its whole sentence: 10,000 characters of repeated payment words took 13 s.
    # The quadratic version took minutes at 100,000 characters; linear takes well under a second. Only that gap is
    # asserted: a ratio of two timings failed on a loaded machine (test_linear_work.py counts the work instead, and
    # the figures are bench/screening.py's).
    large = min(_seconds((unit * (100_000 // len(unit) + 1))[:100_000]) for _ in range(2))
    assert large < 10.0


# Fourteenth pass: a detail given with an invitation to use it is moving off the platform too; a detail alone is not.
@pytest.mark.parametrize(
    "text",
    [
        "my whatsapp is +44 7700 900 431, message me there",
        "wechat id: linyu_design88 , easier for me than this chat",
        "you can reach me at lena.k@proton.me",
        "call or text 07700 900123",
        "Sorry for the delay. Email me the receipts at mitra.tax at outlook dot com please.",
        "snap: jo.shoots, msg me the product list there",
    ],
)
def test_a_detail_with_an_invitation_is_moving_off_the_platform_too(text: str) -> None:
    assert {Category.CONTACT_DETAILS, Category.OFF_PLATFORM_CONTACT} <= screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "my email for the invoice is ana@example.com",
        "email: contact@brightpixelstudio.io",
        "Tutoring sessions: parents usually text me at 07700 900461",
        'She said, "text me at 0412 777 301 when you land"',
        "don't call me at 0412 777 301, use the chat",
        "my number in case the app is down again: +234 803 555 7812",
        "Dear Sir, kindly find my mobile number here: +234 803 555 0192, thank you",
    ],
)
def test_a_detail_alone_is_contact_details_only(text: str) -> None:
    assert screen(text).categories == {Category.CONTACT_DETAILS}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("mpesa works for me, i'll send the deposit once the menu is done", Category.OFF_PLATFORM_PAYMENT),
        ("PayPal is easier for us than the milestones", Category.OFF_PLATFORM_PAYMENT),
        ("I can send you USDT today if you cancel the platform contract", Category.OFF_PLATFORM_PAYMENT),
        ("please share your card details so I can transfer the advance", Category.OFF_PLATFORM_PAYMENT),
        ("Could we meet in person at a café to go over the plans?", Category.OFF_PLATFORM_CONTACT),
        ("let's meet up face to face next week", Category.OFF_PLATFORM_CONTACT),
        ("do you have line or kakao? my team uses those", Category.OFF_PLATFORM_CONTACT),
        ("would you mind giving me your phone number?", Category.OFF_PLATFORM_CONTACT),
        ("please run the powershell script I sent, it sets up the licence", Category.SUSPICIOUS_LINK),
        ("paste this command into PowerShell and press enter", Category.SUSPICIOUS_LINK),
        ("grab the clips from this google drive link, it's an .exe player", Category.SUSPICIOUS_LINK),
    ],
)
def test_fourteenth_pass_shapes_are_raised(text: str, category: Category) -> None:
    assert category in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "wire me a message on threema when you're free",
        "PayPal integration works for us, the webhook is set up",
        "never share your card details with anyone",
        "We met in person at the conference last year",
        "I can't meet in person, I'm fully remote",
        "do you have line breaks in the copy?",
        "I need a PowerShell script that renames the export files",
        "Our download page should host the .exe installer for our own app",
        "the build outputs an .exe for Windows",
    ],
)
def test_fourteenth_pass_near_misses_are_clean(text: str) -> None:
    assert screen(text).categories == frozenset()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("you can also find me on ig as the.pottery.nook", Category.CONTACT_DETAILS),
        ("my fb is marta.kowalczyk.art if that helps", Category.CONTACT_DETAILS),
        ("tg: dmitri_codes", Category.CONTACT_DETAILS),
        ("Telegram handle in case: lukas.tutor", Category.CONTACT_DETAILS),
        ("my insta handle is the same as my name on here", Category.CONTACT_DETAILS),
        ("could you send me your email, my accountant needs it for the invoice", Category.CONTACT_DETAILS),
        ("please share your gmail so I can give you access to the trello board", Category.CONTACT_DETAILS),
        ("what's your email address? it's for the calendar invite", Category.CONTACT_DETAILS),
        ("my iban is in the pdf, just wire the deposit there", Category.OFF_PLATFORM_PAYMENT),
        ("usdt or btc, whichever is easier for you", Category.OFF_PLATFORM_PAYMENT),
        ("usdc on solana works best for me", Category.OFF_PLATFORM_PAYMENT),
        ("could we use cashapp for the bonus?", Category.OFF_PLATFORM_PAYMENT),
        ("we'll start on the kitchen plans tonight and you send the agreement friday", Category.WORK_BEFORE_CONTRACT),
        ("we let new editors get going, then sign the contract after a week", Category.WORK_BEFORE_CONTRACT),
        ("record the intro for us free, we need it for the pitch", Category.UNPAID_WORK),
        ("draft a free content plan so we can see your approach", Category.UNPAID_WORK),
        ("the report is an .xlsm, macros have to be enabled or the charts stay blank", Category.SUSPICIOUS_LINK),
        ("turn on macros when the workbook opens", Category.SUSPICIOUS_LINK),
        ("the dropbox link has setup_viewer.exe in it, you'll need that", Category.SUSPICIOUS_LINK),
        ("copy this snippet into your browser console and hit enter", Category.SUSPICIOUS_LINK),
        ("install the helper from this .xpi file", Category.SUSPICIOUS_LINK),
        ("sign in with your freelancer password here: talent-check.example.org", Category.SUSPICIOUS_LINK),
    ],
)
def test_fifteenth_pass_shapes_are_raised(text: str, category: Category) -> None:
    assert category in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "please share your gmail so I can give you access to the trello board",
        "drop your email and I'll add you to the figma file",
        "could you give me your mobile? the courier's delivery form needs one",
    ],
)
def test_an_email_asked_for_a_tool_is_not_moving_off(text: str) -> None:
    assert screen(text).categories == {Category.CONTACT_DETAILS}


@pytest.mark.parametrize(
    "text",
    [
        "send me your email, I'll add you to our Slack",
        "what's your number? I'd rather call",
    ],
)
def test_a_detail_asked_for_a_chat_stays_moving_off(text: str) -> None:
    assert Category.OFF_PLATFORM_CONTACT in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "the IBAN field on the invoice form we build must validate the checksum",
        "free google fonts only, we have no licensing budget",
        "feel free to send questions so we can see your thinking early",
        "we offer free shipping on the prints",
        "install the app from the App Store",
        "the macros must be on a separate sheet",
        "check the browser console for errors and send me a screenshot",
        "we're building a chrome extension, it's not in the store yet",
        "build a free trial signup flow for our SaaS",
        "our dapp should accept eth or usdc on polygon for users",
        "my instagram is for my dog mostly",
        "I'll start once you send the contract monday",
        "log in with your google account at docs.google.com",
        "the installer setup.exe is part of our own build pipeline",
        "what's your email marketing experience like?",
    ],
)
def test_fifteenth_pass_near_misses_are_clean(text: str) -> None:
    assert screen(text).categories == frozenset()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("ring me tonight, easier than typing all this", Category.OFF_PLATFORM_CONTACT),
        ("give me a call tomorrow afternoon and we go through the floor plan", Category.OFF_PLATFORM_CONTACT),
        ("phone me on my mobile after lunch", Category.OFF_PLATFORM_CONTACT),
        ("it's quicker to explain the wiring over the phone", Category.OFF_PLATFORM_CONTACT),
        ("slide into my dms, we sort the details there", Category.OFF_PLATFORM_CONTACT),
        ("dm me on insta about the sizes", Category.OFF_PLATFORM_CONTACT),
        ("telegram: @olek_frames, join me there for the rest", Category.OFF_PLATFORM_CONTACT),
        ("let's switch to our client portal instead and we continue there", Category.OFF_PLATFORM_CONTACT),
        ("which email do you use for figma? I'll share the board", Category.CONTACT_DETAILS),
        ("what's your telegram username? our HR needs it for the supplier form", Category.CONTACT_DETAILS),
        ("do you have an email I can put in the play store listing?", Category.CONTACT_DETAILS),
        ("my x handle is @mila_draws", Category.CONTACT_DETAILS),
        ("I'm on insta with the same handle as here", Category.CONTACT_DETAILS),
        ("paypal or wise works, whatever is easier", Category.OFF_PLATFORM_PAYMENT),
        ("revolut me the rest tonight", Category.OFF_PLATFORM_PAYMENT),
        ("gpay kar do bhai, same number", Category.OFF_PLATFORM_PAYMENT),
        ("shuru kar do, contract baad me bhejunga", Category.WORK_BEFORE_CONTRACT),
        ("receipt attached: Transfer_Receipt.pdf.scr", Category.SUSPICIOUS_LINK),
        ("open helper.py and run it as administrator or the export fails", Category.SUSPICIOUS_LINK),
    ],
)
def test_sixteenth_pass_shapes_are_raised(text: str, category: Category) -> None:
    assert category in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "whats your skype id? the agency needs it for the vendor registration form",
        "what's your number? the courier needs it on the pickup form",
        "my paypal is nadia.books@fastmail.com, send the 80 there",
    ],
)
def test_a_detail_for_a_form_or_a_payment_account_is_not_moving_off(text: str) -> None:
    assert Category.OFF_PLATFORM_CONTACT not in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "the button on the landing page should say 'call me back'",
        "the subtitle says 'call me later', keep it informal",
        "call me here on the platform tomorrow at 3",
        "ring me tomorrow through the site's video call",
        "expense categories: PayPal fees, bank charges, software",
        "the checkout should offer paypal or venmo, whatever the client prefers",
        "run the terminal as admin and type npm install",
        "the script takes the invoice.pdf and renames it",
        "our portal is where the drawings are archived",
        "x marks the spot on the floor plan",
    ],
)
def test_sixteenth_pass_near_misses_are_clean(text: str) -> None:
    assert screen(text).categories == frozenset()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("just patch the login bug tonight, contract tomorrow first thing", Category.WORK_BEFORE_CONTRACT),
        ("start editing the reels on monday, I'll send the offer end of week", Category.WORK_BEFORE_CONTRACT),
        ("do you take Zelle?", Category.OFF_PLATFORM_PAYMENT),
        ("we only accept USDT (BEP20) for this job", Category.OFF_PLATFORM_PAYMENT),
        ("translate one page of the manual as a sample, unpaid, then we decide", Category.UNPAID_WORK),
        ("the brief is here: drive-g00gle.com/file/33ab", Category.SUSPICIOUS_LINK),
        ("chrome might show a warning, just click proceed anyway", Category.SUSPICIOUS_LINK),
        ("ignore the security warning and open the invoice", Category.SUSPICIOUS_LINK),
        ("ring me when you're free, easier to walk you through it", Category.OFF_PLATFORM_CONTACT),
        ("text me later tonight about the fonts", Category.OFF_PLATFORM_CONTACT),
        ("let's wrap this up on telegram", Category.OFF_PLATFORM_CONTACT),
        ("I'd rather not talk here, can we use something else?", Category.OFF_PLATFORM_CONTACT),
        ("could I get your phone number? our invoicing software wants it", Category.CONTACT_DETAILS),
        ("the venue manager's direct line is 555-0182", Category.CONTACT_DETAILS),
        ("my insta handle is same as my username here", Category.CONTACT_DETAILS),
    ],
)
def test_seventeenth_pass_shapes_are_raised(text: str, category: Category) -> None:
    assert category in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "the radio script reads: 'dial 1-800-555-0144 today for a free estimate'",
        "post on the brand's IG account tomorrow morning, the contract is signed",
        "I'll start once you send the contract monday",
        "the article is on crypto regulation in the EU, 1,200 words",
        "the client will text me later with the final copy",
        "he'll call me tonight about the venue",
        "chrome warns about the self-signed cert on localhost, just proceed anyway",
        "the phishing-awareness course covers fake sites like rnarketplace.com",
    ],
)
def test_seventeenth_pass_near_misses_are_clean(text: str) -> None:
    assert screen(text).categories == frozenset()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("could you send the email linked to your Notion account? I'll add you to the wiki", Category.CONTACT_DETAILS),
        ("what's the best email to share the Jira board with?", Category.CONTACT_DETAILS),
        ("your GitHub email please, so I can add you as a collaborator", Category.CONTACT_DETAILS),
        ("we need your full name and mobile number for the venue's guest list", Category.CONTACT_DETAILS),
        ("my work is on instagram.com/lena.pots", Category.CONTACT_DETAILS),
        ("more of my shots on my Behance, @tomas.frames", Category.CONTACT_DETAILS),
        ("begin the logo whenever, I'll add the milestone once the investor pays", Category.WORK_BEFORE_CONTRACT),
        ("record the intro now, I'll send the offer after the meeting", Category.WORK_BEFORE_CONTRACT),
        ("it's just a small favour, no need for payment on this bit", Category.UNPAID_WORK),
        ("manda no pix que eu te dou desconto", Category.OFF_PLATFORM_PAYMENT),
        ("get the payout on bonus-portal.live instead of waiting for the platform", Category.OFF_PLATFORM_PAYMENT),
        ("the contract is in Contract_v2.docx.hta, open it", Category.SUSPICIOUS_LINK),
        ("log in at p\u0430ypal-resolve.com to release it", Category.SUSPICIOUS_LINK),  # a Cyrillic "a"
        ("I'll invite you to our Slack for the daily updates", Category.OFF_PLATFORM_CONTACT),
        ("can we hop on a quick zoom call tonight?", Category.OFF_PLATFORM_CONTACT),
        ("answer me on telegram, I don't check this", Category.OFF_PLATFORM_CONTACT),
        ("I'm not comfortable talking money in this chat", Category.OFF_PLATFORM_CONTACT),
    ],
)
def test_eighteenth_pass_shapes_are_raised(text: str, category: Category) -> None:
    assert category in screen(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "add a 'Message us on WhatsApp' button under the prices",
        "we render the invoices with pdf.js in the browser",
        "no need for payment upfront, the milestone covers it",
        "the report asks for your email password never, that's the point of the phishing lesson",
        "I'll start once the milestone is funded",
    ],
)
def test_eighteenth_pass_near_misses_are_clean(text: str) -> None:
    assert screen(text).categories == frozenset()


def test_a_detail_for_a_calendar_invite_is_not_moving_off() -> None:
    assert screen("add me to the calendar invite, it's r dot mensah at gmail dot com").categories == frozenset(
        {Category.CONTACT_DETAILS}
    )
