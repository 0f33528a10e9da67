"""Moving the conversation off the platform."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from .contact import (
    _MESSENGERS,
    _NOT_A_CHANNEL,
    _NOT_AN_ADDRESS,
    _SOCIAL_APPS,
    _STRONG_MESSENGERS,
    find_contact_details,
    reason_not_a_chat,
)
from .hits import Category, Hit
from .scan import _F, _fold, _hinted

# Thirteenth pass: three ways of moving off the platform that name no verb of moving: an invitation to a team
# workspace by email ("what email should I invite?" to Slack or Teams), a channel asked after and preferred to this
# one ("any chance you're on Teams? I'd rather coordinate there than here"), and a message asked for on a messenger
# ("drop me a line on Viber").
_WORKSPACE_INVITE = re.compile(
    r"\b(?:what|which)(?:['\u2019]s|\s+is)?\s+(?:the\s+|your\s+)?(?:best\s+)?e-?mail(?:\s+address)?\s+"
    r"(?:should|can|do|shall|could|would)\s+(?:i|we)\s+(?:use\s+to\s+|send\s+the\s+)?(?:invite|add)\b"
    r"|\b(?:what|which)\s+e-?mail(?:\s+address)?\s+(?:to|for)\s+(?:the\s+)?(?:invite|invitation)\b"
    r"|\b(?:rather|prefer\s+to|easier\s+to)\s+(?:coordinate|talk|chat|discuss|work|communicate|do\s+this)\b"
    r"[^.!?\n]{0,30}?\bthere\s+than\s+(?:here|on\s+(?:this|the)\s+(?:site|app|platform))\b"
    rf"|\b(?:drop|shoot|send|leave|give)\s+me\s+a\s+(?:line|message|msg|note|text|shout|buzz|call)\s+"
    rf"(?:on|via|over|in|through)\s+(?:{_MESSENGERS}|{_SOCIAL_APPS})\b{_NOT_A_CHANNEL}",
    _F,
)
# Eighteenth pass: the reader added to a chat workspace of the writer's ("we'll add you to our Microsoft Teams channel
# for the day-to-day", "I'll invite you to our slack") or asked onto a video tool ("can we jump on Google Meet
# tomorrow?"): the conversation moves there (the fifteenth pass's convention).
_TO_OUR_WORKSPACE = re.compile(
    r"\b(?:add|invite|bring|pull)\s+(?:you|u)\s+(?:in)?to\s+(?:our|my|the\s+team['\u2019]?s?)\s+(?:\w+\s+){0,2}?"
    r"(?:slack|teams|discord|mattermost|google\s+chat|whats\s?app\s+group|telegram\s+group|signal\s+group|wechat\s+group)\b"
    r"|\b(?:jump|hop|get)\s+on\s+(?:a\s+)?(?:quick\s+)?(?:google\s+meet|zoom|ms\s+teams|microsoft\s+teams|facetime|skype|"
    r"whats\s?app)(?:\s+call)?\b",
    _F,
)
_APP_NAMED = re.compile(rf"\b(?:{_MESSENGERS}|{_SOCIAL_APPS}|e-?mail)\b", _F)


def _accept_workspace_invite(text: str, m: re.Match[str]) -> bool:
    if reason_not_a_chat(text, m.start(), m.end()):
        return False  # fifteenth pass: an email to invite to a Figma team or a Drive share is contact details only
    if re.search(r"there\s+than", m.group(), _F) and not _APP_NAMED.search(text, max(0, m.start() - 120), m.start()):
        return False  # "I'd rather work there than here": a place, unless a channel was just named
    # A detail given with it ("drop me a line on Skype, live:.cid.84ac") is contact details, not only the move.
    if re.match(r"\s*[,:\-]?\s*(?:at\s+|it['\u2019]s\s+)?\S*[\d@:_+]\S*", text[m.end() :]):
        return False
    window = text[m.start() : min(len(text), m.end() + 60)]
    return not any(hit.start >= m.end() - m.start() for hit in find_contact_details(window))


_MOVE_TO_MESSENGER = re.compile(
    r"\b(?:move|moving|continue|continuing|take|taking|switch|switching|talk|talking|chat|chatting|discuss|"
    r"communicate|speak|connect|go|jump|hop|carry\s+on|get\s+in\s+touch|reach\s+out|keep\s+in\s+touch|"
    # seventeenth pass: "let's finish on whatsapp and I pay you via wise"
    r"finish|wrap\s+(?:it\s+|this\s+)?up|sort\s+(?:it|this|the\s+rest)\s+out|follow\s+up|"
    # eighteenth pass: "pls reply on Signal"
    r"reply|respond|answer|write\s+back)\b"
    r"(?:\s+(?:this|it|things|further|more|freely|easily|quickly|faster|directly|privately|there|me|us|"
    r"(?:the|this|our|that)\s+(?:conversation|chat|discussion|talk))){0,3}\s+(?:on|to|via|over|through|in|into)\s+"
    rf"(?:{_MESSENGERS}|e-?mail|gmail|sms|text|phone)\b{_NOT_A_CHANNEL}",
    _F,
)
_ASK_CONTACT = re.compile(
    r"(?:\b(?:send(?:ing)?|giv(?:e|ing)|shar(?:e|ing)|drop|leave|tell|text|dm|pm)\s+(?:me|us)\s+(?:your|ur)|\bwhat['\u2019]?s\s+(?:your|ur)|"
    r"\bwhat\s+is\s+(?:your|ur)|\bcan\s+(?:i|we)\s+(?:get|have)\s+(?:your|ur))\s+"
    rf"(?:personal\s+|private\s+|direct\s+|real\s+)?(?:e-?mail(?:\s+address)?{_NOT_AN_ADDRESS}|gmail|"
    r"(?:phone\s+|mobile\s+|cell\s+)?"
    # "what's your number one priority", "what's your number of revisions": a count or a rank, not a phone.
    rf"number(?!\s+(?:one|two|three|1|of)\b)|phone|cell|mobile|{_MESSENGERS}|contacts?(?:\s+(?:details|info|information|number))?|socials|"
    r"handle)\b"
    rf"|\b(?:do\s+you\s+have|are\s+you\s+on|do\s+you\s+use)\s+{_STRONG_MESSENGERS}\b"
    # fourteenth pass: the weaker names asked after in a pair or alone when they are only apps ("line or kakao?")
    rf"|\b(?:do\s+you\s+have|are\s+you\s+on|do\s+you\s+use)\s+(?:{_MESSENGERS}|kakao(?:\s?talk)?|zalo)\s+or\s+"
    rf"(?:{_MESSENGERS}|kakao(?:\s?talk)?|zalo)\b|\b(?:do\s+you\s+have|are\s+you\s+on|do\s+you\s+use)\s+"
    r"(?:kakao(?:\s?talk)?|zalo|line\s+app)\b",
    _F,
)


def _accept_ask_contact(text: str, m: re.Match[str]) -> bool:
    """Fifteenth pass: not when the reason is a tool that is not a chat channel or someone's records ("what's your
    email? need it for the google drive share"): that is a contact detail asked for (`contact._DETAIL_ASKED`)."""
    return not reason_not_a_chat(text, m.start(), m.end())


# Fourteenth pass: a meeting in person asked for ("could we meet in person at a café", "let's meet up face to face").
_MEET_IN_PERSON = re.compile(
    r"\b(?:(?:could|can|shall|should|would|why\s+don['\u2019]?t)\s+we|let['\u2019]?s|(?:want|like|love|happy)\s+to)\s+"
    r"(?:just\s+)?meet\s+(?:you\s+)?(?:up\s+)?(?:in\s+person|face[-\s]to[-\s]face|irl|offline|for\s+(?:a\s+)?coffee)\b",
    _F,
)
_CONTACT_ME_OFF = re.compile(
    r"\b(?:e-?mail|text|call|message|dm|pm|whatsapp|telegram|skype|ping|contact|write)\s+(?:me|us)\s+"
    r"(?:directly|instead|privately|personally|outside|off[-\s]platform|off\s+the\s+(?:platform|site))\b",
    _F,
)
_DISPARAGE_CHAT = re.compile(
    r"\bdon['\u2019]?t\s+(?:really\s+)?(?:use|check|like)\s+(?:this|the)\s+(?:platform|site|app)(?:['\u2019]s)?\s+"
    r"(?:chat|messenger|messag\w*|inbox)"
    r"|\b(?:this|the)\s+(?:platform['\u2019]?s?\s+|site['\u2019]?s?\s+)?(?:chat|messenger|inbox)\s+(?:is|are)\s+"
    r"(?:too\s+)?(?:slow|bad|buggy|annoying|monitored|watched|terrible|clunky)\b"
    # seventeenth pass: "I'd rather not keep chatting here, they read everything"
    r"|\b(?:i['\u2019]?d|i\s+would)\s+rather\s+not\s+(?:keep\s+)?(?:chat|talk|messag|writ|discuss)\w*\s+(?:here|on\s+(?:here|"
    r"this\s+(?:site|platform|app)))\b"
    r"|\b(?:they|admins?|mods|moderators|the\s+(?:site|platform|app))\s+(?:can\s+)?(?:read|reads|monitor|monitors|watch|watches)"
    r"\s+(?:everything|all\s+(?:the\s+|our\s+)?(?:messages|chats?)|our\s+(?:messages|chats?))\b"
    # eighteenth pass: "I'm not comfortable discussing the budget in this chat", "don't bother posting it here"
    r"|\b(?:not|n['\u2019]t)\s+(?:really\s+)?comfortable\s+(?:discussing|talking|sharing|chatting|writing)\b[^.!?\n]{0,30}?"
    r"\b(?:here|in\s+(?:this|the)\s+(?:chat|app|thread|room|inbox)|on\s+(?:this|the)\s+(?:site|platform|app))\b"
    r"|\bdon['\u2019]?t\s+(?:bother\s+)?(?:post|send|shar|upload)\w*\s+(?:it|them|this|that|anything|the\s+\w+)\s+here\b",
    _F,
)
# "can we chat outside of here?", "I'd like to talk with you outside this app", "reply off the site".
_TALK_ELSEWHERE = re.compile(
    r"\b(?:talk|chat|communicat|continu|reply|replie|respond|writ|speak|spoke|discuss|messag|contact)\w*\b"
    r"[^.!?\n]{0,30}?\b"
    + _hinted(r"(?:outside|off)")
    + r"\s+(?:of\s+)?(?:this|the|here)\b(?:\s+(?:site|platform|app|chat|marketplace|messenger|room|website))?",
    _F,
)

# Another channel set against this one ("let's keep talking on Microsoft Teams, not here", "email works better for
# me than this chat", "we can talk in my Basecamp project rather than on the site"): a channel, then within the
# clause "instead of", "rather than", "than" or "not" and this site or its chat.
_OTHER_CHANNELS = (
    rf"{_MESSENGERS}|e-?mail|gmail|phone|sms|texts?|slack|teams|zoom|google\s+(?:meet|chat)|hangouts|linkedin|"
    r"facebook|twitter|mattermost|matrix|basecamp|notion|trello"
)
# Not the channel but a feature built on it ("a WhatsApp button instead of the contact form").
_NOT_A_FEATURE = (
    r"(?!\s+(?:buttons?|links?|widgets?|notifications?|alerts?|integrations?|support|fields?|number\s+fields?|"
    r"forms?|icons?|banners?|templates?|campaigns?|newsletters?|reminders?|codes?)\b)"
)
_CHANNEL_INSTEAD = re.compile(
    rf"\b(?:{_OTHER_CHANNELS})\b{_NOT_A_CHANNEL}{_NOT_A_FEATURE}[^.!?\n]{{0,40}}?"
    r"(?:\b(?:instead\s+of|rather\s+than|not)\s+(?:(?:on|in|through|via|using|over)\s+)?"
    r"(?:here\b|(?:this|the)\s+(?:site|platform|marketplace|app|chat|room|thread|inbox)\b|"
    r"(?:this|the)\s+(?:site|platform|marketplace|app)['\u2019]?s\s+(?:chat|messag\w*|inbox)\b|"
    r"messaging\s+here\b|writing\s+here\b)"
    r"|\b(?:better|easier|faster|quicker|more\s+\w+)\s+(?:for\s+(?:me|us)\s+)?than\s+(?:(?:on|in|through)\s+)?"
    r"(?:here\b|this\s+(?:site|platform|marketplace|app|chat|room|thread|inbox)\b))"
    r"(?!\s+(?:widgets?|buttons?|features?|fields?|forms?|pages?|notices|notifications?)\b)",
    _F,
)


# Where _CHANNEL_INSTEAD can start (its own leads); it is tried there only when the text holds one of its contrast
# words at all ("instead of", "rather than", "than", "not"): texts with none skip its costly look ahead (fifteenth
# pass, 100,000 characters of repeated contact words: 8 ms).
_CHANNEL_WORD = re.compile(rf"\b(?:{_OTHER_CHANNELS})\b", _F)


def _accept_channel_instead(text: str, m: re.Match[str]) -> bool:
    """Only a request to move: a handle, an address or a number in between makes it contact details."""
    return not re.search(r"@|\d{4}", m.group())


# "join my Discord server and we'll talk there", "hop on our Slack, we can continue in there".
_JOIN_CHANNEL = re.compile(
    r"\b(?:join|hop\s+(?:on|into)|come\s+(?:to|into|on))\s+(?:my|our)\s+(?:\w+\s+){0,2}?"
    rf"(?:{_OTHER_CHANNELS}|channel|group|room|community)\b[^.!?\n]{{0,40}}?\b(?:talk|chat|continue|discuss|speak|"
    r"go\s+over|sort|carry\s+on)\w*\b[^.!?\n]{0,30}?\b(?:there|in\s+there|properly|freely)\b",
    _F,
)


# Sixteenth pass: a plain request for a call at a time ("call me tomorrow morning and we sort the scope", "ring me
# after 6pm", "give me a call tonight"), the phone preferred for explaining ("easier to explain ... on the phone"),
# and DMs on a social network ("slide into my DMs on twitter", "dm me on insta"). Not "the button says 'call me'":
# a quote mark right before the verb is a label, and a call "here" or "on the platform" stays on the platform.
_CALL_ME_LATER = re.compile(
    r"\b(?:(?:call|ring|phone|text|txt)\s+(?:me|us)|give\s+(?:me|us)\s+a\s+(?:call|ring|buzz))\s+"
    r"(?:(?:up\s+)?(?:tomorrow|tonight|later|after\b|this\s+(?:morning|afternoon|evening|weekend)|in\s+the\s+"
    r"(?:morning|afternoon|evening)|as\s+soon|asap|sometime|first\s+thing|(?:on|this|next)\s+"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|at\s+\d|around\s+\d|before\s+\d|now\b|right\s+now|back\b|real\s+quick|"
    r"quickly|"
    # seventeenth pass: "call me when u free", "text me whenever you're around"
    r"when(?:ever)?\s+(?:(?:you|u)(?:['\u2019]re|\s+are|r)?|ur)\s+(?:free|available|around|done|back|ready|get\s+(?:a|the)\s+"
    r"(?:sec|second|minute|min|chance))\b"
    # eighteenth pass: "text me when you've got the first cut"
    r"|when\s+(?:you|u)(?:['\u2019]ve|\s+have)\s+(?:got|finished|done|sent|uploaded)\b)|(?:on|at)\s+(?:my|the)\s+(?:phone|cell|mobile|landline|office|number))"
    r"|\b(?:easier|faster|quicker|simpler|better)\s+(?:for\s+(?:me|us)\s+)?to\s+(?:explain|talk|discuss|go\s+over|sort|"
    r"walk\s+you\s+through|show\s+you)\b[^.!?\n]{0,50}?\b(?:on|over|by)\s+(?:the\s+)?phone\b"
    r"|\b(?:explain|talk\s+(?:it\s+)?through|go\s+over|walk\s+(?:you|u)\s+through)\b[^.!?\n]{0,40}?\bbetter\s+(?:by|over|on)\s+"
    r"(?:voice|(?:the\s+)?phone|a\s+(?:phone\s+)?call)\b"
    r"|\bslide\s+into\s+(?:my|our)\s+dms?\b"
    rf"|\b(?:dm|pm|message|msg|inbox)\s+me\s+(?:on|via|over|in)\s+(?:{_SOCIAL_APPS}|insta(?:gram)?|ig|x|twitter|fb)\b",
    _F,
)
_PLATFORM_CALL = re.compile(
    r"\b(?:here|on\s+(?:the|this)\s+(?:platform|site|app)|through\s+(?:the|this)\s+(?:platform|site|app)|"
    r"(?:platform|site)['\u2019]?s?\s+(?:video|call|meeting))\b",
    _F,
)


# Someone else who will call or text the writer ("the client will text me later", "he'll call me tonight",
# "my parents usually ring me after 6"): not a request to the reader (seventeenth pass).
_SOMEONE_ELSE_WILL = re.compile(
    r"\b(?P<who>[a-z]+)(?:\s+(?:will|would|usually|always|often|might|may|shall|normally|sometimes|to)|['\u2019]ll)\s+$",
    _F,
)
_THE_READER = frozenset(("you", "u", "ya", "pls", "please", "plz", "can", "could", "just", "want", "need", "like"))


def _accept_call_me_later(text: str, m: re.Match[str]) -> bool:
    if m.start() and text[m.start() - 1] in "'\"\u2018\u201c":
        return False
    before = _SOMEONE_ELSE_WILL.search(text, max(0, m.start() - 30), m.start())
    if before and before.group("who").lower() not in _THE_READER:
        return False
    end = _SENTENCE_END.search(text, m.end())
    return not _PLATFORM_CALL.search(text, m.end(), end.start() if end else len(text))


# "let's move to our secure portal instead", "switch to our own client site and we continue there": the writer's
# own site or portal set against this one (sixteenth pass).
_OWN_PORTAL = re.compile(
    r"\b(?:move|moving|switch|switching|continue|go|head|take\s+(?:this|it))\s+(?:over\s+)?to\s+(?:our|my)\s+"
    r"(?:own\s+)?(?:[\w-]+\s+)?(?:portal|site|website|platform|workspace|server|client\s?room|system|app)\b"
    r"[^.!?\n]{0,100}?\b(?:instead|continue\s+there|talk\s+there|chat\s+there|there\s+instead|not\s+here)\b",
    _F,
)

# Fourteenth pass, a labelling decision: a contact detail given with an invitation to use it ("my whatsapp is ...,
# message me there", "wechat id: x, easier for me than this chat") is moving off the platform as well as contact
# details; a detail alone ("my email for the invoice is ...") is not. The invitation is the writer's own: a verb of
# contact addressed to "me"/"us" at the start of a clause or after "you can", "please"... (not "parents usually
# text me", not "call him"), "send/message ... there", or the channel preferred to this chat (not a number "in case
# the chat goes down": a fallback).
_SENTENCE_END = re.compile(r"[!?\n]|\.(?:\s|$)")
_CLAUSE_START = (
    r"(?:^|[.,;:!?()\u2014\u2013\-]\s*|\b(?:can|could|pls|plz|please|just|kindly|to|and|or|then|so|sure|ok|also|"
    r"you['\u2019]ll|will|i['\u2019]d\s+rather\s+you)\s+)"
)
# Each branch starts with a word (found at the speed of a search for it); the verbs addressed to "me" must also open
# a clause (`_OPENS_CLAUSE`, read on the few characters before).
_INVITE_TO_DETAIL = re.compile(
    r"(?P<verb>\b(?:message|msg|text|txt|ping|dm|pm|call|ring|phone|whatsapp|e-?mail|mail|write(?:\s+to)?|contact|"
    r"reach|find|add|hit|buzz|skype|telegram|signal|snap|viber|wire|shoot|drop|inbox|send)\s+(?:me|us|(?<!find\s)my\s+"
    r"(?:cell|mobile|phone|number|e-?mail|inbox|gmail|hotmail|outlook|yahoo|address|office|landline|whatsapp|skype))\b"
    r"(?!\s+(?:know|off)\b)"
    # "call anytime": the verb alone, a time right after it
    r"|\b(?:call|text|ring|e-?mail|whatsapp|write\s+to)(?:\s+or\s+(?:call|text))?\s+(?:any\s?time|whenever|after)\b)"
    r"|\bhmu\b|\badd\s+(?:pls|please|plz)\b|\b(?:pls|please|plz|kindly)\s+add\b(?!\s+(?:him|her|them)\b)"
    r"|\b(?:send|message|msg|dm|pm|write|text|ping|talk|chat)\b[^.!?\n]{0,40}?\bthere\b"
    r"|\bjoin\s+(?:me|us)\s+(?:there|on\s+it|in\s+there)\b"
    r"|\b(?:easier|faster|quicker|more\s+convenient|if\s+you\s+prefer|(?:more|most)\s+often|"
    r"than\s+(?:this|here))\b",
    _F,
)
_OPENS_CLAUSE = re.compile(rf"{_CLAUSE_START}$", _F)
# "text 0412 ...", "call or text 07700 ...": the verb alone right before the detail ("email:" is a label, not an
# invitation). Matched on the few characters before a detail.
_VERB_BEFORE_DETAIL = re.compile(
    r"(?:^|[.,;:!?()\u2014\u2013\-]\s*|\b(?:can|could|pls|plz|please|just|kindly|and|or|then|so)\s+)"
    r"(?:call|text|ring|e-?mail|whatsapp|write\s+to)(?:\s+or\s+(?:call|text))?\s*,?\s*$",
    _F,
)
# Cheap tests made before the two regexes above (fifteenth pass): most details have no verb right before them, and
# most invitations found mid-clause do not open one; a text of thousands of details spent most of its time there.
_VERB_ENDINGS = ("call", "text", "ring", "mail", "whatsapp", "to")  # "e-?mail", "write\s+to"
_CLAUSE_PUNCTUATION = frozenset(".,;:!?()\u2014\u2013-")
_CLAUSE_WORDS = frozenset((
    "can", "could", "pls", "plz", "please", "just", "kindly", "to", "and", "or", "then", "so", "sure", "ok", "also",
    "will", "you", "you'll", "you\u2019ll",
))  # fmt: skip


def _may_open_clause(text: str, start: int) -> bool:
    """False only where `_OPENS_CLAUSE` cannot match before `start`: no punctuation, text start or clause word."""
    before = text[max(0, start - 30) : start].rstrip()
    if not before or before[-1] in _CLAUSE_PUNCTUATION:
        return True
    i = len(before)
    while i > 0 and (before[i - 1].isalnum() or before[i - 1] in "_'\u2019"):
        i -= 1
    return _fold(before[i:]) in _CLAUSE_WORDS


def _may_end_with_verb(text: str, left: int, start: int) -> bool:
    """False only where `_VERB_BEFORE_DETAIL` cannot match: the characters before the detail end with no verb."""
    return _fold(text[max(left, start - 30) : start].rstrip().rstrip(",").rstrip()).endswith(_VERB_ENDINGS)


# Sixteenth pass: a payment account told ("my paypal is x@y.com, send the 80 there") is paying, not a channel to
# talk on; the invitation next to it is to send money.
_PAYMENT_ACCOUNT_BEFORE = re.compile(
    r"\b(?:pay\s?pal|venmo|zelle|cash\s?app|revolut|payoneer|skrill|wise|gcash|upi|interac|e-?transfer)"
    r"(?:\s+(?:account|acct|id|e-?mail|address|handle|tag|username))?(?:\s+e-?mail)?\s*(?:is|:|=|-|\u2014)?\s*$",
    _F,
)
_NOT_INVITING = re.compile(r"\b(?:don['\u2019]?t|do\s+not|never|no\s+need\s+to)\s+$", _F)
_CLAUSE_MARKS = ".,;:!?()\u2014\u2013- \t"
_INVITE_REACH = 100  # characters either side of a detail, within its sentence
DETAIL_WITH_INVITE = "detail_with_invite"


_ADD_ME = re.compile(r"add\s+(?:me|us)\b", _F)


def details_with_invitation(text: str, contact: Sequence[Hit], invitations: Iterable[re.Match[str]]) -> list[Hit]:
    """Moving off the platform where a contact detail comes with an invitation to use it (the detail's sentence).

    `invitations` are the matches of `_INVITE_TO_DETAIL` over the whole text (found with the rules' anchors); they and
    the sentence ends are found once, then looked up per detail, so the cost stays linear however many details a text
    holds."""
    details = [d for d in contact if d.kind != "messenger_invite"]  # no detail given: that rule raises moving off
    if not details:
        return []
    invites = [
        (m.start(), m.start(), m.end())
        for m in invitations
        if not _NOT_INVITING.search(text, max(0, m.start() - 12), m.start())
        and (
            m.group("verb") is None
            or (_may_open_clause(text, m.start()) and _OPENS_CLAUSE.search(text, max(0, m.start() - 30), m.start()))
        )
    ]
    starts = [start for _, start, _ in invites]
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    hits: list[Hit] = []
    for detail in details:
        if _PAYMENT_ACCOUNT_BEFORE.search(text, max(0, detail.start - 30), detail.start):
            continue
        i = bisect.bisect_left(sentence_ends, detail.start)
        # the sentence's end before the detail is kept: it starts a clause
        left = max(sentence_ends[i - 1] if i else 0, detail.start - _INVITE_REACH)
        j = bisect.bisect_left(sentence_ends, detail.end)
        right = min(sentence_ends[j] if j < len(sentence_ends) else len(text), detail.end + _INVITE_REACH)
        found: tuple[int, int] | None = None
        k = bisect.bisect_left(starts, left)
        while k < len(invites) and invites[k][1] < right and found is None:
            shown, start, end = invites[k]
            if end <= detail.start or start >= detail.end:
                found = (shown, end)
            k += 1
        if found is None and _may_end_with_verb(text, left, detail.start):
            before = _VERB_BEFORE_DETAIL.search(text, max(left, detail.start - 30), detail.start)
            if before is not None and not _NOT_INVITING.search(text, max(0, before.start() - 12), before.start()):
                found = (before.start() + len(before.group()) - len(before.group().lstrip(_CLAUSE_MARKS)), before.end())
        if found is not None and _ADD_ME.match(text, found[0]) and reason_not_a_chat(text, detail.start, detail.end):
            found = None  # "add me to the calendar invite: ..." (eighteenth pass): a tool, not a conversation
        if found is not None:
            start, stop = min(found[0], detail.start), max(found[1], detail.end)
            hits.append(Hit(Category.OFF_PLATFORM_CONTACT, DETAIL_WITH_INVITE, text[start:stop], start, stop))
    return hits
