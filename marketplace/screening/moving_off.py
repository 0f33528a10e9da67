"""Moving the conversation off the platform."""

from __future__ import annotations

import re

from .contact import _MESSENGERS, _NOT_A_CHANNEL, _SOCIAL_APPS, _STRONG_MESSENGERS, find_contact_details
from .scan import _F, _hinted

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
_APP_NAMED = re.compile(rf"\b(?:{_MESSENGERS}|{_SOCIAL_APPS}|e-?mail)\b", _F)


def _accept_workspace_invite(text: str, m: re.Match[str]) -> bool:
    if re.search(r"there\s+than", m.group(), _F) and not _APP_NAMED.search(text, max(0, m.start() - 120), m.start()):
        return False  # "I'd rather work there than here": a place, unless a channel was just named
    # A detail given with it ("drop me a line on Skype, live:.cid.84ac") is contact details, not only the move.
    if re.match(r"\s*[,:\-]?\s*(?:at\s+|it['\u2019]s\s+)?\S*[\d@:_+]\S*", text[m.end() :]):
        return False
    window = text[m.start() : min(len(text), m.end() + 60)]
    return not any(hit.start >= m.end() - m.start() for hit in find_contact_details(window))


_MOVE_TO_MESSENGER = re.compile(
    r"\b(?:move|moving|continue|continuing|take|taking|switch|switching|talk|talking|chat|chatting|discuss|"
    r"communicate|speak|connect|go|jump|hop|carry\s+on|get\s+in\s+touch|reach\s+out|keep\s+in\s+touch)\b"
    r"(?:\s+(?:this|it|things|further|more|freely|easily|quickly|faster|directly|privately|there|"
    r"(?:the|this|our|that)\s+(?:conversation|chat|discussion|talk))){0,3}\s+(?:on|to|via|over|through|in|into)\s+"
    rf"(?:{_MESSENGERS}|e-?mail|gmail|sms|text|phone)\b{_NOT_A_CHANNEL}",
    _F,
)
_ASK_CONTACT = re.compile(
    r"(?:\b(?:send|give|share|drop|leave|tell|text|dm|pm)\s+(?:me|us)\s+(?:your|ur)|\bwhat['\u2019]?s\s+(?:your|ur)|"
    r"\bwhat\s+is\s+(?:your|ur)|\bcan\s+(?:i|we)\s+(?:get|have)\s+(?:your|ur))\s+"
    r"(?:personal\s+|private\s+|direct\s+|real\s+)?(?:e-?mail(?:\s+address)?|gmail|(?:phone\s+|mobile\s+|cell\s+)?"
    # "what's your number one priority", "what's your number of revisions": a count or a rank, not a phone.
    rf"number(?!\s+(?:one|two|three|1|of)\b)|phone|cell|mobile|{_MESSENGERS}|contacts?(?:\s+(?:details|info|information|number))?|socials|"
    r"handle)\b"
    rf"|\b(?:do\s+you\s+have|are\s+you\s+on|do\s+you\s+use)\s+{_STRONG_MESSENGERS}\b",
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
    r"(?:too\s+)?(?:slow|bad|buggy|annoying|monitored|watched|terrible|clunky)\b",
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
