"""Contact details: email addresses (also obfuscated), phone numbers, messenger handles and links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .hits import Category, Hit
from .scan import _F, _match_at, _Rule, _run


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_TLDS = (
    r"(?:com|net|org|edu|gov|io|co|dev|me|info|biz|us|uk|de|fr|it|es|nl|pl|ru|ua|in|ca|au|br|jp|cn|ch|se|no|"
    r"fi|dk|be|at|pt|ie|nz|za|mx|ai|app|tech|email|online|site|xyz|agency|studio|design|cz|sk|hu|ro|gr|tr|il|"
    r"kr|sg|hk|tw|ar|cl|ng|ke|eg|pk|vn|th|my|ph|"
    # Thirteenth pass: newer generic domains a business uses for its own mail ("legal at quarryhill dot law").
    r"law|legal|club|shop|store|pro|art|photo|photography|media|page|blog|cloud|life|world|works|studio|"
    r"consulting|solutions|services|company|team|tools|farm|garden|build|construction|dental|clinic|health)"
)
_MAIL_PROVIDERS = _words(
    "gmail googlemail yahoo ymail outlook hotmail live msn icloud me mac aol proton protonmail pm mail gmx "
    "yandex zoho fastmail tutanota tuta hey mailbox qq 163 126 wp o2 web seznam libero orange free naver"
)
# Words that often stand before a plain " at " in ordinary prose ("good at", "based at", "worked at").
_AT_STOPWORDS = _words(
    "i im me us you him her them it we they he she here there this that the a an is am are was were be been "
    "good great best better bad expert experts skilled experienced strong weak decent proficient fluent "
    "available based look looking looked work works worked working employed intern interned "
    "engineer developer designer manager lead senior junior started start joined join studied study "
    "arrive arrived stay staying live living meet meeting office home school university college hired "
    "lecturer teacher volunteer volunteered lunch dinner noon night morning evening once least most "
    "only all anyone someone everyone people"
)

_EMAIL_PLAIN = re.compile(
    r"(?<![\w.+\-])[a-z0-9](?:[\w.%+\-]*[\w%+\-])?@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}(?![\w@])",
    _F,
)
_EMAIL_SPACED = re.compile(
    r"(?<![\w.+\-])[a-z0-9][\w.+\-]*\s*@\s*[a-z0-9][a-z0-9\-]*(?:\s*\.\s*[a-z0-9][a-z0-9\-]*)*?\s*\.\s*"
    + _TLDS
    + r"\b",
    _F,
)
_AT = r"(?:\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\.)"
_EMAIL_DOMAIN = rf"(?P<domain>[a-z0-9][\w\-]*(?:{_DOT}[a-z0-9][\w\-]*){{0,3}}?)(?P<dot>{_DOT}){_TLDS}\b(?!\.\w)"
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+\-'\u2019])(?P<local>[a-z0-9][\w+\-]*(?:{_DOT}[a-z0-9][\w+\-]*){{0,3}})(?P<at>{_AT}){_EMAIL_DOMAIN}",
    _F,
)
_WORD_DOT = re.compile(r"\s+dot\s+|[\[({<]\s*(?:dot|\.)\s*[\])}>]", _F)
# Thirteenth pass: an address spelled a letter at a time ("m i k e . r e n o @ g m a i l . c o m"): single
# characters with spaces between them around an "@"; accepted when the letters close up into an address.
_EMAIL_LETTERS = re.compile(
    r"(?<![\w.])[a-z0-9](?:\s[a-z0-9._\-]){2,}\s?@\s?[a-z0-9](?:\s[a-z0-9.\-]){4,}(?![\w.])", _F
)


def _accept_letter_email(text: str, m: re.Match[str]) -> bool:
    return bool(_EMAIL_PLAIN.fullmatch(re.sub(r"\s+", "", m.group())))


def _accept_obfuscated_email(text: str, m: re.Match[str]) -> bool:
    if "@" in m.group("at") and "[" not in m.group("at") and "(" not in m.group("at"):
        return False  # a plain "@" is the plain/spaced email pattern's business
    if m.group("at").strip().lower() != "at":
        return True  # "[at]", "(at)", "{at}": deliberate obfuscation
    first_word = re.split(r"\s+dot\s+|[.\s\[({<]", m.group("local"), maxsplit=1)[0].lower()
    if first_word in _AT_STOPWORDS:
        return False
    domain_first = re.split(r"\s+dot\s+|[.\s\[({<]", m.group("domain"), maxsplit=1)[0].lower()
    spelled_dot = bool(_WORD_DOT.search(m.group("domain")) or _WORD_DOT.search(m.group("dot")))
    if spelled_dot or domain_first in _MAIL_PROVIDERS:
        return True
    # Eleventh pass: "by email: ops-lead at boxfulfil.co.uk", an address with a plain "at" and a real dot, told as
    # an email (the word within the 40 characters before it).
    # The name must look like an address's ("ops-lead", "j.smith") or follow the cue and a colon ("email: anna at").
    cue = None
    for cue in _EMAIL_CUE.finditer(text, max(0, m.start() - 40), m.start()):  # noqa: B007 (only the last is wanted)
        pass
    if cue is None:
        return False
    return bool(re.search(r"[._\-\d]", m.group("local"))) or bool(
        re.fullmatch(r"\s*(?::|is|-|\u2013)\s*", text[cue.end() : m.start()], _F)
    )


_EMAIL_CUE = re.compile(r"\b(?:e-?mail(?:ed|ing)?|mail\s+(?:me|us|him|her|them)|inbox|address)\b", _F)


# Phone numbers -------------------------------------------------------------------------------------------------

_PHONE_CANDIDATE = re.compile(
    r"(?<![\w$£€¥₹#@/\\.,:+\-])(?:\+[ \t]?)?\(?\d+\)?(?:(?:[ \t]*[.\-\u2013][ \t]*|[ \t]{1,2})\(?\d+\)?){0,7}"
)
_PHONE_CUE = re.compile(
    r"\b(?:call|calls|calling|text|txt|phone|tel|telephone|mob|mobile|cell|cellphone|whats\s?app|viber|signal|"
    r"sms|ring|dial|reach|contact|number|numbers?['\u2019]s|no|"
    # seventeenth pass: "her direct line is 555-0147"
    r"direct\s+line|land\s?line|hot\s?line|help\s?line|desk\s+line|ext)\b|#",
    _F,
)
_AFTER_NUMBER = re.compile(
    r"\s*(?:%|percent|[kmb]\b|bn\b|usd|eur|gbp|dollars?|euros?|pounds?|hours?|hrs?|h\b|mins?|minutes?|"
    r"seconds?|secs?|ms\b|years?|yrs?|months?|days?|weeks?|users?|words?|requests?|records?|rows?|items?|"
    r"visits?|leads?|downloads?|views?|followers?|subscribers?|px|pt\b|mb\b|gb\b|tb\b|kb\b)",
    _F,
)
_BEFORE_NUMBER = re.compile(r"(?:[$£€¥₹]|\b(?:usd|eur|gbp|inr|rs|version|ver|v|isbn|sku|id|order))\W{0,2}$", _F)
# The last label before a number says what it is (issue 15, seventh pass): an invoice, order, reference, tracking,
# serial or ID number, a code, an IBAN or an amount is not a phone even when the label says "number" ("the invoice
# number is 2026-0047"); "phone", "call", "text", "cell", "whatsapp", "number" or "reach" alone still cue one.
_NUMBER_LABEL = re.compile(
    r"\b(?:(?P<other>invoice|inv|order|ref|reference|tracking|ticket|booking|confirmation|transaction|txn|receipt|"
    r"serial|sku|isbn|ean|upc|iban|swift|bic|sort\s+code|routing|vat|tax|postcode|post\s+code|postal\s+code|zip|"
    r"pin|otp|licen[cs]e|policy|amount|total|balance|version|code|id)\b(?:\s*(?:number|no\.?|num|nr\.?|#|code|id))?"
    r"|(?P<owned>customer|client|member|employee|student|project|job|contract|milestone|case|claim|model|part|batch|"
    r"lot|registration|account|shipment|parcel|po|purchase\s+order)\s*(?:number|no\.?|num|nr\.?|#|code|id)"
    r"|(?P<phone>call|text|txt|phone|tel|telephone|mobile|mob|cell|cellphone|whats\s?app|viber|signal|sms|ring|"
    r"dial|reach|number))\b",
    _F,
)


# The first word of every label but a phone's: a window without any is decided without the regex (the cheap path).
_OTHER_LABEL_WORDS = frozenset((
    "invoice", "inv", "order", "ref", "reference", "tracking", "ticket", "booking", "confirmation", "transaction",
    "txn", "receipt", "serial", "sku", "isbn", "ean", "upc", "iban", "swift", "bic", "sort", "routing", "vat", "tax",
    "postcode", "post", "postal", "zip", "pin", "otp", "licence", "license", "policy", "amount", "total", "balance",
    "version", "code", "id", "customer", "client", "member", "employee", "student", "project", "job", "contract",
    "milestone", "case", "claim", "model", "part", "batch", "lot", "registration", "account", "shipment", "parcel",
    "po", "purchase",
))  # fmt: skip
_WORD = re.compile(r"\w+")


def _labelled_not_a_phone(text: str, start: int) -> bool:
    """Whether the last label in the 40 characters before a number names something other than a phone."""
    window = text[max(0, start - 40) : start]
    if _OTHER_LABEL_WORDS.isdisjoint(_WORD.findall(window.lower())):
        return False
    last = None
    for last in _NUMBER_LABEL.finditer(text, max(0, start - 40), start):  # noqa: B007 (only the last is wanted)
        pass
    return last is not None and last.group("phone") is None


_YEAR = re.compile(r"(?:19|20)\d\d")
_DECIMALS_AFTER = re.compile(r"[.,]\d")
_DIGIT_RUN = re.compile(r"\d+")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


def _accept_phone(text: str, m: re.Match[str]) -> bool:
    s = m.group()
    if not 7 <= sum(map(str.isdigit, s)) <= 15:
        return False  # every branch below wants 7 to 15 digits; most numbers in prose ("50", "2024") end here
    start, end = m.span()
    following = text[end : end + 1]
    if following.isalnum() or (following and following in "%$€£") or _DECIMALS_AFTER.match(text, end):
        return False
    if _AFTER_NUMBER.match(text, end) or _BEFORE_NUMBER.search(text[max(0, start - 10) : start]):
        return False
    groups = _DIGIT_RUN.findall(s)
    digits = "".join(groups)
    international = s.startswith("+") or (s.startswith("00") and len(digits) >= 10)
    if international:
        if not 8 <= len(digits) <= 15:
            return False
    else:
        if _DATE.fullmatch(s.strip()) or sum(1 for g in groups if _YEAR.fullmatch(g)) >= 2:
            return False
        # the costliest check, so only made when it decides
        cue = (7 <= len(digits) <= 9 and len(groups) > 1) or (len(groups) == 1 and not digits.startswith("0"))
        if cue:
            cue = bool(_PHONE_CUE.search(text[max(0, start - 30) : start] + " " + text[end : end + 20]))
        if not cue and 8 <= len(digits) <= 9 and _NATIONAL_GROUPING.fullmatch(s.strip()):
            cue = True  # eleventh pass: a national grouping needs no cue ("91 555 32 10", "612 34 56 78")
        if not (10 <= len(digits) <= 12 or (7 <= len(digits) <= 9 and cue and len(groups) > 1)):
            return False
        if len(groups) == 1 and not (digits.startswith("0") or cue):
            return False  # a bare 10-12 digit run needs a hint that it is a phone number
        if len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return False  # thousands grouping: "1 000 000 000"
    for i, g in enumerate(groups):
        if len(g) == 1 and not (i == 0 or (international and i == 1)):
            return False  # ISBNs, IP addresses, "v1.2.3.4"
    is_ipv4 = len(groups) == 4 and all(len(g) <= 3 for g in groups) and s.count(".") == 3
    if is_ipv4 or _labelled_not_a_phone(text, start):  # the label last: only a phone-shaped number
        return False
    return not _QUOTED_COPY.search(text, max(0, start - 120), start)


# Seventeenth pass: a number inside the quoted words of a script, an ad or a flyer is the work's content, not the
# writer's phone ("the voice line is: 'call us now at 1-800-555-0199 for your free quote!'").
_QUOTED_COPY = re.compile(
    r"\b(?:script|copy|tagline|slogan|caption|voice-?over|vo|voice\s+line|ad\s+(?:copy|line|text)|banner|flyer|poster|"
    r"jingle|radio\s+spot|cta|reads?|says?)\b[^'\"\u201c\u2018\n]{0,25}?[:\s]\s*['\"\u201c\u2018][^'\"\u201d\u2019\n]*$",
    _F,
)


# Eleventh pass: a number grouped the way Spain, France, Belgium, the Netherlands or Scandinavia write phones, two
# or three digits then pairs ("91 555 32 10", "612 34 56 78", "06 12 34 56"): no amount or count is written so.
_NATIONAL_GROUPING = re.compile(r"\d{2,3}[ .]\d{2,3}[ .]\d{2}[ .]\d{2}")
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_PHONE_WORDS = re.compile(rf"\b{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}\b){{6,}}", _F)
# Thirteenth pass: a phone read out in pairs ("zero six, seventy-one, twenty, forty-four, nine nine"): digits, teens
# and tens (with or without a unit) in a run, accepted when they add up to nine digits or more and a tens or teens
# word is among them (a run of single digits is _PHONE_WORDS's).
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORD = rf"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-]?{_UNIT_WORD}\b)?"
_TEEN_WORD = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    rf"double\s+(?:zero|oh|{_UNIT_WORD[3:-1]}))"
)
_NUMBER_WORD = rf"(?:{_TENS_WORD}|{_TEEN_WORD}|{_DIGIT_WORD})"
_PHONE_PAIRS = re.compile(rf"\b{_NUMBER_WORD}(?:[\s,\-]+{_NUMBER_WORD}\b){{3,}}", _F)
_ONE_NUMBER_WORD = re.compile(_NUMBER_WORD, _F)


def _accept_phone_pairs(text: str, m: re.Match[str]) -> bool:
    words = [w.group().lower() for w in _ONE_NUMBER_WORD.finditer(m.group())]
    if not any(not re.fullmatch(_DIGIT_WORD, w, _F) for w in words):
        return False
    digits = sum(1 if re.fullmatch(_DIGIT_WORD, w, _F) else 2 for w in words)
    return digits >= 9


# Thirteenth pass: a phone in spaced single digits ("0 4 1 2 - 5 5 8 - 3 9 0"): nine digits or more, each alone.
_PHONE_SPACED_DIGITS = re.compile(r"(?<![\w.,])(?:\+\s?)?\d(?:\s(?:[\-.]\s)?\d){8,13}(?![\w.,]\d|\w)")

# Messengers ----------------------------------------------------------------------------------------------------

_STRONG_MESSENGER_NAMES = (
    r"whats\s?app|telegram|skype|discord|viber|we\s?chat|snap\s?chat|kik|threema|icq|instagram|insta"
)
_STRONG_MESSENGERS = rf"(?:{_STRONG_MESSENGER_NAMES})"
# Weaker names ("signal", "line", "wa") only count next to a handle, a number or "me on".
_MESSENGERS = rf"(?:{_STRONG_MESSENGER_NAMES}|signal|(?:facebook\s+)?messenger|line|imo|tg|wa|ig|snap)"
# "the Telegram bot", "WhatsApp Business API", "Signal protocol": the product, not a way to reach someone.
_NOT_A_CHANNEL = (
    r"(?!\s*(?:bots?|api|apis|sdk|business|integration|channel|groups?\s+bot|processing|protocol|clone|"
    r"mini\s+app|web\s+app|app\s+development|for\s+business|theme|stickers?|filters?|"
    # eighteenth pass: a widget to build ("a floating 'Chat on WhatsApp' button")
    r"buttons?|widgets?|icons?|plugins?)\b|['\"\u2019\u201d]\s*(?:buttons?|widgets?|icons?|links?|banners?)\b)"
)
_HANDLE_WORDS = r"(?:id|name|handle|username|user\s?name|user|number|no\.?|account|contact|nick|tag)"
_STOPWORDS = _words(
    "a an the is are was not no my your our this that it its same below above here there attached in on at of "
    "for to with and or but down broken blocked private offline online busy slow fine new old different "
    "mentioned listed visible hidden available unavailable always never usually just only also still please "
    "calls call chat chats group groups channel channels bot bots business api me you us him her them "
    "probably currently"
)

_MESSENGER_LINK = re.compile(
    # eighteenth pass: a profile on a social network ("tiktok.com/@reelsbymarta", "instagram.com/kofi.makes")
    r"(?<![\w.@])(?:https?://)?(?:www\.|m\.)?(?:tiktok\.com/@|instagram\.com/(?!p/|reel/|explore/|stories/)|"
    r"(?:twitter|x)\.com/(?!i/|search|home)|facebook\.com/(?!groups/|events/|pages/create)|linkedin\.com/in/|"
    r"threads\.net/@|youtube\.com/@|snapchat\.com/add/)[\w.\-]{2,}"
    r"|(?<![\w.@])(?:https?://)?(?:www\.)?(?:t\.me|telegram\.(?:me|dog)|wa\.me|api\.whatsapp\.com|"
    r"chat\.whatsapp\.com|discord\.gg|discord(?:app)?\.com/(?:invite|users)|join\.skype\.com|m\.me|signal\.me|"
    r"line\.me|viber\.me|invite\.viber\.com|snapchat\.com/add|u\.wechat\.com)/[\w\-+/?=&#%.~]*[\w\-+/=&#%~]",
    _F,
)
_MESSENGER_LABEL = re.compile(
    rf"\b(?P<label>{_MESSENGERS})(?:\s+(?P<idw>{_HANDLE_WORDS}))?(?P<sep>\s*[:=]\s*|\s+[-\u2013]\s*|\s+)"
    r"(?P<v>\+?\(?\d[\d\s().\-]{5,}\d|@?[a-z0-9][\w.:#\-]{1,}[\w])",
    _F,
)
_HANDLE_LIKE = re.compile(r"^[@+]|[_.\d:#]")
_NOT_BEFORE_A_WORD = frozenset(("account", "number", "no", "no.", "contact"))


def _accept_messenger_label(text: str, m: re.Match[str]) -> bool:
    label = m.group("label").lower()
    value = m.group("v")
    if value.lower().lstrip("@") in _STOPWORDS:
        return False
    if value[0].isdigit() or value[0] in "+(":
        return len(re.sub(r"\D", "", value)) >= 7
    handle_like = bool(_HANDLE_LIKE.search(value))
    if value.startswith("@"):
        return True
    if re.fullmatch(r"\s*[:=]\s*|\s+[-\u2013]\s*", m.group("sep")):
        return handle_like or len(value) >= 4
    if m.group("idw"):
        # seventeenth pass: after a plain space, "account", "number" or "contact" is followed by a word of the
        # sentence ("posting on the IG account tomorrow"), not a handle, unless it looks like one
        return handle_like or (len(value) >= 4 and m.group("idw").lower() not in _NOT_BEFORE_A_WORD)
    return handle_like and bool(re.fullmatch(_STRONG_MESSENGERS, label, _F))


_MY_CHANNEL = re.compile(
    rf"\bmy\s+(?:personal\s+|private\s+|work\s+|direct\s+)?(?P<label>{_MESSENGERS}|e-?mail|gmail|mail|"
    r"number|phone|cell|mobile|contact)(?:\s+(?P<idw>id|handle|username|user\s?name|name|number|no\.?|"
    r"address|account|contact|details|info))?\s*(?:is|[:=]|-)\s*(?P<v>@?[a-z0-9][\w.:#\-\[\]()@+]*[\w\]])",
    _F,
)


def _accept_my_channel(text: str, m: re.Match[str]) -> bool:
    value = m.group("v")
    if value.lower().lstrip("@") in _STOPWORDS or len(value) < 3:
        return False
    label = m.group("label").lower()
    if label in {"number", "phone", "cell", "mobile"}:
        return len(re.sub(r"\D", "", value)) >= 7
    if label in {"email", "e-mail", "gmail", "mail", "contact"}:
        return bool(_HANDLE_LIKE.search(value))
    return True


_HANDLE = r"(?<![\w.@])@[a-z0-9_][\w.]{1,}[\w]"
# Twelfth pass: the "@handle" shape next to the name of a social network or a work chat too ("DM me on Twitter,
# @coach_dmitri", "@lena.k on Slack"), not only a messenger's.
_SOCIAL_APPS = (
    r"(?:twitter|bluesky|bsky|mastodon|reddit|slack|teams|linkedin|facebook|tiktok|kakao(?:\s?talk)?|zalo|"
    # eighteenth pass: "my Dribbble is @kofi.makes"
    r"dribbble|behance|threads|twitch|pinterest)"
)
_MESSENGER_HANDLE = re.compile(
    rf"\b(?:{_MESSENGERS}|{_SOCIAL_APPS})\b{_NOT_A_CHANNEL}[^.!?\n@]{{0,25}}?{_HANDLE}"
    rf"|{_HANDLE}\s+(?:on|at|in|via|over)\s+(?:{_MESSENGERS}|{_SOCIAL_APPS})\b",
    _F,
)
_MESSENGER_INVITE = re.compile(
    r"\b(?:add|message|msg|ping|text|contact|reach|find|call|dm|pm|hit|catch|write|buzz|follow|"
    r"connect\s+with|chat\s+with)\s+(?:me|us)(?:\s+up)?\s+(?:on|via|at|through|over|in|using)\s+"
    rf"{_MESSENGERS}\b{_NOT_A_CHANNEL}"
    rf"|\b(?:{_STRONG_MESSENGERS}|signal|snap)\s+(?:me|us)\b(?!\s+(?:bot|api))",
    _F,
)

# Eighth pass. A handle after an app's or a mail provider's name and a label, with nothing else to give it away:
# "kakao id: minji_design", "my handle on snapchat is leo.films", "gmail: farah.designs.lhr", "zalo - tran.huy88".
# The value must look like a handle (a dot, an underscore, a digit, "#" or a leading "@"); a plain word counts only
# after an explicit "id", "handle", "username"... and a colon ("line id: minji"), never after "is".
_HANDLE_APPS = (
    rf"(?:{_STRONG_MESSENGER_NAMES}|signal|(?:facebook\s+)?messenger|kakao(?:\s?talk)?|zalo|weixin|qq|tiktok|"
    # fifteenth pass: the short names people type ("ig is x.y", "im on IG as x_y", "tg: x_y")
    r"ig|tg|fb|"
    r"twitter|bluesky|bsky|mastodon|reddit|keybase|threema|imessage|facetime|hangouts|google\s+chat|teams|slack|"
    r"facebook|linkedin|gmail|g-?mail|googlemail|yahoo|"
    r"ymail|outlook|hotmail|proton(?:\s?mail)?|icloud|yandex|zoho|gmx|aol|fastmail|tutanota|naver|daum|"
    r"rediff(?:mail)?|qq\s?mail|mail\.ru|web\.de)"
)
_HANDLE_LABEL = r"(?:id|handle|username|user\s?name|user|name|nick(?:name)?|account|address|tag|login)"
_APP_HANDLE = re.compile(
    rf"\b(?P<label>{_HANDLE_APPS})(?:\s+(?P<idw>{_HANDLE_LABEL}))?(?P<sep>\s*[:=]\s*|\s+is\s+|\s+[-\u2013]\s+|"
    # fifteenth pass: a short aside before the colon ("Skype name if needed: rafael.mixing")
    r"\s+(?:if\s+(?:needed|need\s+be|required|necessary|you\s+need\s+it|useful)|in\s+case|for\s+(?:calls|reference|"
    r"later|urgent\s+stuff))\s*[:=]\s*)"
    r"(?P<v>@?[a-z0-9][\w.\-#]*[\w])"
    rf"|\bmy\s+(?:\w+\s+)?(?P<idw2>{_HANDLE_LABEL})\s+(?:on|in|at|for|over)\s+(?P<label2>{_HANDLE_APPS})\s*"
    r"(?:is|[:=]|-)\s*(?P<v2>@?[a-z0-9][\w.\-#]*[\w])",
    _F,
)


def _accept_app_handle(text: str, m: re.Match[str]) -> bool:
    value = m.group("v") or m.group("v2")
    if value.lower().lstrip("@") in _STOPWORDS or len(value) < 3 or value.lower().startswith(("http", "www.")):
        return False
    if re.fullmatch(r"[\d.\-]+", value):
        return False  # a version or a number ("slack: 4.2", "teams - 2024"): the phone rule decides numbers
    if value.startswith("@") or re.search(r"[_.\d#]", value):
        return True
    return bool(m.group("idw")) and ":" in m.group("sep") and len(value) >= 4


# Tenth pass. A handle told inside a sentence rather than after a label: "jonas_builds on discord", "the producer is
# on skype as beats.by.kofi", "carlos.mendez.ux (skype)", "skype (s.ivanova)", "my work skype, s.ivanova.translate".
# With no label the value must be shaped like a handle: letters joined by a dot or an underscore (or a leading "@");
# file names, versions, domains and abbreviations ("mix_v2.wav", "v2.1", "node.js", "e.g.") are not handles.
_TOLD_HANDLE = r"@?[a-z][a-z0-9]*(?:[._][a-z0-9]+)+"
_HANDLE_BEFORE_APP = re.compile(
    rf"(?<![\w.@/\-])(?P<v>{_TOLD_HANDLE})(?:\s*\(\s*(?:on\s+)?{_HANDLE_APPS}\s*\)"
    rf"|\s+(?:on|via|over)\s+(?:my\s+)?(?:{_STRONG_MESSENGERS}|{_SOCIAL_APPS})\b{_NOT_A_CHANNEL})",
    _F,
)
# Eleventh pass: the weaker names (Line, Signal, imo) in the same shapes, a Discord tag ("cadwizard#4821"), "on
# <app>, I'm x.y", "<app> ... — x.y" (the handle after a dash ends the sentence), "find me as x.y on <app>".
_WEAK_APPS = r"(?:line|signal|imo)"
_TOLD_HANDLE_OR_TAG = rf"(?:{_TOLD_HANDLE}|@?[a-z][a-z0-9_.]{{2,}}#\d{{4}})"
_APP_BEFORE_HANDLE = re.compile(
    rf"\b(?:on|via)\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\s+as\s+(?P<v>{_TOLD_HANDLE_OR_TAG})(?![\w@])"
    rf"|\b{_HANDLE_APPS}\s*\(\s*(?P<v2>{_TOLD_HANDLE})\s*\)"
    rf"|\b(?:uses?|using|on|via|over|in)\s+{_WEAK_APPS}\s*\(\s*(?P<v4>{_TOLD_HANDLE})\s*\)"
    rf"|\bmy\s+(?:(?:work|personal|private|business|other|old|new|second)\s+)?{_HANDLE_APPS}\s*,\s*"
    rf"(?P<v3>{_TOLD_HANDLE})(?![\w@])"
    rf"|\bon\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\s*,?\s+(?:i['\u2019]m|i\s+am|it['\u2019]s|we['\u2019]re|look\s+for|"
    rf"search(?:\s+for)?|find|add)\s+(?P<v5>{_TOLD_HANDLE_OR_TAG})(?![\w@])"
    rf"|\b{_HANDLE_APPS}\b[^.!?\n\u2014\u2013]{{0,50}}?\s[\u2014\u2013]\s*(?P<v6>{_TOLD_HANDLE})\s*(?:[.!?]|$)"
    rf"|\b(?:find|add|reach|search\s+for|look\s+for|message|ping)\s+(?:me|us|him|her)\s+as\s+"
    rf"(?P<v7>{_TOLD_HANDLE_OR_TAG})\s+(?:on|via|over)\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\b",
    _F,
)
_NOT_A_HANDLE = re.compile(
    r"(?:.*\.(?:js|ts|py|rb|go|net|io|com|org|co|uk|de|app|dev|ai|png|jpe?g|gif|svg|pdf|zip|rar|mp[34]|wav|"
    r"aiff?|flac|mov|avi|docx?|xlsx?|pptx?|csv|txt|exe|html?|css|json|xml|psd|ai|dwg|stl|obj|fbx|blend|apk)"
    r"|v?\d.*|(?:[a-z]\.)+[a-z]?|e\.?g|i\.?e|etc|vs|a\.?m|p\.?m|st|mr|mrs|ms|dr|no)",
    _F,
)
# The word before a handle told first: a file sent or posted on an app is not a handle ("I posted mix_final on
# discord").
_OBJECT_BEFORE = re.compile(
    r"(?:^|\W)(?:the|a|an|this|that|these|those|file|files|folder|sent|send|sending|shared|share|sharing|posted|"
    r"post|uploaded|upload|dropped|drop|put|pinned|forwarded|forward|attached|build|version|channel|server|"
    r"group|bot)\s*$",
    _F,
)
_MESSENGER_AFTER = re.compile(
    rf"(?:\s*\(\s*(?:on\s+)?{_HANDLE_APPS}\s*\)|\s+(?:on|via|over)\s+(?:my\s+)?(?:{_STRONG_MESSENGERS}|{_SOCIAL_APPS})\b)",
    _F,
)
_HANDLE_AT_END = re.compile(rf"(?<![\w.@/\-]){_TOLD_HANDLE}$", _F)


def _handles_before_apps(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Where a handle ends right before "on <app>" or "(<app>)": read back at most 60 characters from there."""
    starts = []
    for m in _MESSENGER_AFTER.finditer(text):
        left = max(0, m.start() - 60)
        if found := _HANDLE_AT_END.search(text, left, m.start()):
            starts.append(found.start())
    return _match_at(pattern, text, starts)


def _accept_told_handle(text: str, m: re.Match[str]) -> bool:
    groups = m.groupdict()
    value = next((groups[g] for g in ("v", "v2", "v3", "v4", "v5", "v6", "v7") if groups.get(g)), "").lstrip("@")
    if len(value) < 4 or _NOT_A_HANDLE.fullmatch(value):
        return False
    return not (m.re is _HANDLE_BEFORE_APP and _OBJECT_BEFORE.search(text, max(0, m.start() - 20), m.start()))


# Fifteenth pass: a handle told by reference to this site's name ("my tg username is the same as my name here plus
# 99", "same handle on insta as here"): the detail is given without being spelled out.
_SAME_HANDLE = re.compile(
    rf"\bmy\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\s+(?:{_HANDLE_LABEL}|handle)\s+is\s+(?:(?:the\s+)?same\s+as|identical\s+to|just)\s+"
    r"(?:my\s+(?:user\s?name|name|handle|profile\s+name)\s+(?:here|on\s+(?:here|this\s+(?:site|app|platform)))|"
    r"(?:the\s+one\s+|what\s+i\s+use\s+)?(?:here|on\s+(?:here|this\s+(?:site|app|platform))))\b"
    rf"|\bsame\s+(?:{_HANDLE_LABEL}|handle)\s+(?:on|in)\s+(?:{_HANDLE_APPS}|{_WEAK_APPS})\s+as\s+(?:here|on\s+(?:here|this\s+"
    r"(?:site|app|platform)))\b"
    # sixteenth pass: "I'm on insta with the same handle as here", the network named by a nickname ("the blue bird app")
    # (a social network, where the handle is where one posts; "I'm on Telegram with the same handle" is older data's
    # moving off)
    rf"|\b(?:i['\u2019]m|i\s+am)\s+on\s+(?:{_SOCIAL_APPS}|insta(?:gram)?|ig|x|threads|youtube|the\s+(?:blue\s+)?bird\s+app)"
    r"\s+(?:with|as|under|using|by)\s+(?:the\s+)?same\s+(?:handle|name|user\s?name|@)\s+as\s+(?:here|on\s+here|"
    r"(?:on\s+)?this\s+(?:site|app|platform))\b",
    _F,
)
# Sixteenth pass: X named by its letter ("my x handle is @ravi_builds", "on X as @ravi"): only with a handle label or
# "on ... as" and an @handle, since a lone "x" is a dimension or a placeholder.
_X_HANDLE = re.compile(
    rf"\bmy\s+x\s+(?:\(twitter\)\s+)?(?:handle|account|user\s?name|profile|@)\s*(?:is|:|=)?\s*{_HANDLE}"
    rf"|\bon\s+x\s+(?:\(twitter\)\s+)?(?:as|at)\s+{_HANDLE}",
    _F,
)
# Fifteenth pass: a detail asked for with a reason that is not a conversation ("could you share your phone number,
# my manager asks for it", "what's your email? need it for the google drive share", "drop your email so I can add
# you to our figma team"): a contact detail asked for, not a move off the platform. A request whose window names a
# chat channel or a call stays the moving-off rule's (`moving_off._ASK_CONTACT`).
# "your email marketing experience", "your email signature": email as a trade or a setting, not an address.
_NOT_AN_ADDRESS = (
    r"(?!\s+(?:marketing|campaigns?|templates?|lists?|newsletters?|signatures?|provider|client|experience|skills?|"
    r"strategy|copy|sequences?|automation|open\s+rates?|setup|settings)\b)"
)
_DETAIL_ASKED = re.compile(
    r"\b(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:pls\s+|please\s+|plz\s+|kindly\s+)?|pls\s+|please\s+|plz\s+|kindly\s+)?"
    r"(?:share|send|give|provide|drop|tell|pass|leave|dm|pm|text)\s+(?:me\s+|us\s+)?(?:your|ur|yr)\s+"
    rf"(?:personal\s+|work\s+|best\s+|gmail\s+|google\s+)?(?:e-?mail(?:\s+address)?{_NOT_AN_ADDRESS}|gmail|phone(?:\s+number)?|"
    r"mobile(?:\s+number)?|cell(?:\s+number)?|(?:phone\s+|mobile\s+|cell\s+)?number(?!\s+(?:one|two|three|1|of)\b)|"
    r"contact\s+(?:details|info|number))\b"
    r"|\bwhat['\u2019]?s\s+(?:your|ur|yr)\s+(?:e-?mail(?:\s+address)?|gmail|phone(?:\s+number)?|number|mobile|cell)\b"
    # eighteenth pass: "send me the email tied to your Figma account", "the email you use on Dropbox", "what's the best
    # email to put you on the Trello board?", "your Apple ID email please", "asked for your personal email to send the
    # badge", "I need your full name, home address and mobile number for our HR paperwork"
    r"|\b(?:the|your|ur)\s+(?:e-?mail(?:\s+address)?|(?:phone\s+)?number)\s+(?:(?:you|u)\s+use\s+(?:on|for|with)|tied\s+to|linked\s+to|"
    r"connected\s+to|associated\s+with|registered\s+(?:on|with))\b"
    r"|\bwhat(?:['\u2019]?s|\s+is)\s+the\s+(?:best|right|correct|preferred)\s+e-?mail(?:\s+address)?\s+(?:to|for)\b"
    r"|\b(?:your|ur)\s+(?:apple\s+id|google|microsoft|github|figma|slack|notion|dropbox|work|personal)\s+e-?mail(?:\s+address)?"
    r"\s*,?\s+(?:please|pls|plz)\b"
    r"|\b(?:asked|asks|needs|wants|requires|need|want)\s+(?:for\s+)?(?:your|ur)\s+(?:personal\s+|work\s+|private\s+)?"
    r"(?:e-?mail(?:\s+address)?|phone(?:\s+number)?|mobile(?:\s+number)?|number)\b(?!\s+(?:password|passcode|login|credentials))"
    r"|\b(?:i|we)\s+need\s+(?:your|ur)\s+(?:[\w\-]+,?\s+){1,6}?(?:and\s+)?(?:e-?mail(?:\s+address)?|mobile(?:\s+number)?|"
    r"phone(?:\s+number)?)\b"
    # seventeenth pass: "Can I have your phone number? Our accounting software needs it for the vendor profile."
    r"|\b(?:can|could|may)\s+(?:i|we)\s+(?:please\s+|pls\s+)?(?:have|get|take|grab)\s+(?:your|ur|yr)\s+"
    r"(?:e-?mail(?:\s+address)?|gmail|phone(?:\s+number)?|(?:phone\s+|mobile\s+|cell\s+)?number|mobile|cell)\b"
    r"|\bwhat\s+is\s+(?:your|ur|yr)\s+(?:e-?mail(?:\s+address)?|gmail|phone(?:\s+number)?|number|mobile|cell)\b"
    r"|\b(?:what|which)\s+e-?mail(?:\s+address)?\s+(?:should|can|do|shall)\s+(?:i|we)\s+(?:use|add|invite|share)\b"
    # sixteenth pass: "what email do u use for figma?", "what's your skype id? ... for the vendor registration form",
    # "do you have an email i can put in the app store listing?"
    r"|\b(?:what|which)\s+e-?mail(?:\s+address)?\s+(?:do|did|would|will)\s+(?:you|u)\s+(?:use|have)\b"
    rf"|\bwhat(?:['\u2019]?s|\s+is)\s+(?:your|ur|yr)\s+{_MESSENGERS}\s+(?:id|name|user\s?name|handle)\b"
    r"|\bdo\s+(?:you|u)\s+have\s+an?\s+(?:e-?mail(?:\s+address)?|(?:phone\s+)?number|phone)\s+(?:that\s+)?(?:i|we)\s+"
    r"(?:can|could)\s+(?:put|use|add|list|include)\b",
    _F,
)
# The reason: a tool that is not a chat channel (shared, added to or invited to) or someone's records.
_NOT_A_CHAT_REASON = re.compile(
    r"\b(?:figma|google\s+(?:drive|docs?|sheets?|calendar|slides|form)|g\s?drive|drive\s+(?:share|folder|link|access)|"
    r"the\s+(?:drive|doc|docs|sheet|spreadsheet|folder|board|repo|calendar)|shared\s+(?:folder|drive|doc|sheet)|trello|"
    r"github|gitlab|bitbucket|repo(?:sitory)?|calendar\s+invite|cal\s+invite|calendly|dropbox|onedrive|sharepoint|"
    r"jira|asana|notion|miro|airtable|canva|frame\.io|docusign|clickup|loom|invoices?|receipts?|billing|nda|"
    r"(?:my|our|the)\s+(?:manager|boss|hr|accountant|accounting|finance\s+team|records|files?|crm|payroll|system)|"
    r"on\s+file|for\s+(?:the\s+)?(?:records|shipping|delivery|courier|paperwork|form|contract|onboarding|account)|"
    r"(?:shipping|delivery|courier|tax|billing|payroll|registration|sign-?up|onboarding)\s+(?:form|label|slip|records?|"
    r"system)|"
    # sixteenth pass: any named form ("the vendor registration form", "the pickup form") or a store listing
    r"(?:vendor|supplier|pick-?up|intake|order|booking|enrol?ment|application|kyc|customs|insurance)\s+form|"
    r"(?:app|play)\s+store|store\s+listing|listing|"
    # seventeenth pass: a profile in a tool ("for the vendor profile", "our accounting software needs it")
    r"(?:vendor|supplier|payee|contractor)\s+(?:profile|record|setup|registration)|(?:accounting|invoicing|hr)\s+software|"
    # eighteenth pass: an account's tester or editor, a badge, a venue's load-in list, paperwork
    r"testflight|apple\s+id|add\s+you\s+as\s+(?:an?\s+)?(?:editor|tester|collaborator|member|viewer|admin|guest)|"
    r"(?:event\s+)?badges?|lanyards?|load-?in|guest\s+list|accreditation|(?:venue|site|event|property|building)\s+manager|"
    r"paperwork|upload\s+request)\b",
    _F,
)
_CHAT_REASON = re.compile(
    rf"\b(?:{_MESSENGERS}|{_SOCIAL_APPS}|zoom|meet|hangouts|call|calls|calling|ring|text|texts|texting|talk|talking|"
    r"chat|chatting|message|messages|discuss|directly|outside|privately|off\s+(?:the\s+)?(?:site|platform|app)|"
    r"continue|voice|sms|there|group|server|workspace)\b",
    _F,
)


def reason_not_a_chat(text: str, start: int, end: int) -> bool:
    """Whether the words around a request for a detail (its sentence and the next, 100 characters either side) give
    a reason that is not a conversation: a tool to share or someone's records, and no chat channel or call."""
    left = max(0, start - 100)
    newline = text.rfind("\n", left, start)
    window = text[newline + 1 if newline != -1 else left : min(len(text), end + 100)].split("\n", 1)[0]
    # The request's own words are left out of the chat test: "what's your skype id? ... for the vendor form" names
    # the messenger as the detail asked for, not as the reason (sixteenth pass).
    around = text[newline + 1 if newline != -1 else left : start] + " " + text[end : min(len(text), end + 100)]
    return bool(_NOT_A_CHAT_REASON.search(window)) and not _CHAT_REASON.search(around.split("\n", 1)[0])


def _accept_detail_asked(text: str, m: re.Match[str]) -> bool:
    return reason_not_a_chat(text, m.start(), m.end())


_CONTACT_RULES: tuple[_Rule, ...] = (
    _Rule(Category.CONTACT_DETAILS, "email", _EMAIL_PLAIN),
    _Rule(Category.CONTACT_DETAILS, "email", _EMAIL_SPACED),
    _Rule(Category.CONTACT_DETAILS, "email_obfuscated", _EMAIL_OBFUSCATED, accept=_accept_obfuscated_email),
    _Rule(Category.CONTACT_DETAILS, "phone", _PHONE_CANDIDATE, accept=_accept_phone),
    _Rule(Category.CONTACT_DETAILS, "phone_in_words", _PHONE_WORDS),
    _Rule(Category.CONTACT_DETAILS, "phone_in_words", _PHONE_PAIRS, accept=_accept_phone_pairs),
    _Rule(Category.CONTACT_DETAILS, "phone", _PHONE_SPACED_DIGITS),
    _Rule(Category.CONTACT_DETAILS, "email", _EMAIL_LETTERS, accept=_accept_letter_email),
    _Rule(Category.CONTACT_DETAILS, "messenger_link", _MESSENGER_LINK),
    _Rule(Category.CONTACT_DETAILS, "messenger_handle", _MESSENGER_LABEL, accept=_accept_messenger_label),
    _Rule(Category.CONTACT_DETAILS, "messenger_handle", _MESSENGER_HANDLE),
    _Rule(Category.CONTACT_DETAILS, "contact_handle", _MY_CHANNEL, accept=_accept_my_channel),
    _Rule(Category.CONTACT_DETAILS, "messenger_invite", _MESSENGER_INVITE),
    _Rule(Category.CONTACT_DETAILS, "app_handle", _APP_HANDLE, accept=_accept_app_handle),
    _Rule(Category.CONTACT_DETAILS, "told_handle", _HANDLE_BEFORE_APP, accept=_accept_told_handle),
    _Rule(Category.CONTACT_DETAILS, "told_handle", _APP_BEFORE_HANDLE, accept=_accept_told_handle),
    _Rule(Category.CONTACT_DETAILS, "told_handle", _SAME_HANDLE),
    _Rule(Category.CONTACT_DETAILS, "told_handle", _X_HANDLE),
    _Rule(Category.CONTACT_DETAILS, "detail_asked", _DETAIL_ASKED, accept=_accept_detail_asked, negatable=True),
)


def find_contact_details(text: str) -> list[Hit]:
    """Email addresses, phone numbers and messenger handles or links in ``text``, in order of position."""
    if not text:
        return []
    return _run(_CONTACT_RULES, text)
