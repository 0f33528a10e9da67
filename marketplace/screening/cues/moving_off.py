"""Cues of moving off the platform: another channel set against this one, without the usual words."""

from __future__ import annotations

import re

# Another channel set against this one in the order a request takes ("WhatsApp please, I don't check the site",
# "ring me, it's quicker than messaging here", "text me so we can talk without the platform"); "I'd rather chat here
# than on WhatsApp" puts "here" first and does not match.
_CHANNEL_NOT_HERE = re.compile(
    r"\b(?:whatsapp|telegram|signal|e-?mail|gmail|text|texts|sms|ring|call|phone|zoom|skype|imessage|hangouts|"
    r"google\s+(?:chat|meet)|teams|slack|discord|mattermost|linkedin|wechat|viber|insta|instagram|facebook|fb|"
    r"messenger|snapchat|kik|line)\b"
    r"[^.!?\n]{0,60}?\b(?:not\s+(?:here|on\s+(?:this|the)\s+(?:site|platform|chat|app))|instead\s+of\s+(?:\w+\s+)?"
    r"(?:here|this\s+\w+|the\s+(?:site|platform|chat|app))|than\s+(?:\w+\s+){0,2}?(?:here|this\s+(?:site|platform|chat|"
    r"room|thread|inbox|app))|(?:don['\u2019]?t|never|hardly|rarely|barely)\s+(?:\w+\s+)?(?:check|open|use|read|look\s+at)\s+"
    r"(?:this|the)\s+(?:site|inbox|messenger|chat|app|platform|messages)|without\s+the\s+(?:platform|marketplace|site))\b"
    r"|\b(?:talk|chat|discuss|communicate|continue)\w*\s+(?:\w+\s+)?(?:away\s+from|without)\s+(?:the|this)\s+"
    r"(?:platform|marketplace|site)\b|\bleave\s+(?:the|this)\s+(?:platform|marketplace|site)(?:['\u2019]s)?\s+chat\b",
    re.IGNORECASE,
)

# Another channel without the usual words: "contact me on the other app", "no need to write here", "same name as
# here", "join our Slack workspace", "call me on my mobile".
_ELSEWHERE = re.compile(
    r"\b(?:the|my|our)\s+other\s+(?:app|channel|messenger|chat|number|account|platform|inbox)\b"
    r"|\b(?:no\s+need\s+to|don['\u2019]?t|do\s+not|stop|quit|no\s+more|no\s+point)\s+(?:\w+\s+)?(?:writ|messag|reply|"
    r"replying|chat|text|answer|respond|us(?:e|ing)\s+(?:the|this)\s+(?:chat|inbox|messages))\w*\s+(?:\w+\s+)?(?:here|"
    r"on\s+(?:this|the)\s+(?:site|platform|app|chat|marketplace))\b"
    r"|\bsame\s+(?:user\s*name|username|name|handle|nick\w*|id|photo|picture)\s+as\s+(?:(?:\w+\s+){0,3}?here|on\s+(?:this|"
    r"the)\s+\w+)\b"
    r"|\bjoin\s+(?:our|my|the)\s+(?:\w+\s+)?(?:slack|discord|telegram|whatsapp|teams|signal|viber|wechat|skype)\b"
    r"|\b(?:slack|discord|telegram|whatsapp|teams|signal|viber|wechat)\s+(?:workspace|server|group|channel|community)\b"
    r"[^.!?\n]{0,40}?\bjoin\b"
    r"|\b(?:hiring|interview\w*|onboard\w*|communicat\w*|talks?|everything|discuss\w*|chat\w*)\b[^.!?\n]{0,30}?"
    r"\b(?:through|via|on|in|over)\s+(?:our|my)\s+(?:own\s+|company\s+|team\s+)?(?:slack|discord|telegram|whatsapp|teams|"
    r"signal|skype|wechat|viber|workspace|server)\b"
    r"|\b(?:on|in|via)\s+(?:our|my)\s+(?:own\s+|company\s+|team\s+)?(?:slack|discord|telegram|whatsapp|teams|signal|"
    r"skype|wechat|viber)\b[^.!?\n]{0,40}?\b(?:interview|talk|discuss|onboard|chat)\w*"
    r"|\b(?:this|the)\s+(?:site|platform|app|marketplace)['\u2019]s\s+(?:chat|messages?|messenger|inbox)\s+(?:is|are)\s+"
    r"(?:so\s+|too\s+|really\s+|very\s+)?(?:slow|clunky|bad|buggy|annoying|laggy|broken|terrible|useless)\b"
    r"|\b(?:don['\u2019]?t|never|rarely|hardly|barely)\s+(?:\w+\s+)?(?:check|open|read|look)\w*\s+(?:in\s+)?here\b"
    r"|\b(?:don['\u2019]?t|never|rarely|hardly|barely|won['\u2019]?t)\s+(?:\w+\s+)?(?:check|read|open|use|look\s+at)\w*\s+"
    r"(?:this|the|my)\s+(?:inbox|chat|site|app|messages|platform|messenger)\b[^.!?\n]{0,40}?\b(?:find|message|reach|"
    r"contact|ping|text|write|call|email|dm)\w*\s+(?:me|us)\b"
    r"|\b(?:contact|reach|message|write\s+to|email)\s+(?:me|us)\s+(?:through|via|on|at|using)\s+(?:my|our)\s+(?:own\s+)?"
    r"(?:website|web\s+site|site|blog|portfolio|page)(?:['\u2019]s\s+(?:form|contact\s+form|chat))?\b"
    r"|\b(?:call|ring|phone|text|buzz|dial)\s+me\s+(?:on|at)\s+my\s+(?:mobile|cell|phone|number|landline|whatsapp|"
    r"private|personal|work)\b",
    re.IGNORECASE,
)

# Fourteenth pass. Everyday chat raised on a fresh file: "Can we talk tomorrow instead?" (moving off, 0.99: "talk ...
# instead" is how channels are swapped) and "About 5 working days for the first concepts." (work before a contract,
# 0.99). "Instead" right after a time reschedules, it names no channel; a message that opens with a duration is an
# estimate, not a request to start.
_TIME_WORDS = (
    r"(?:tomorrow|today|tonight|later|next\s+week|this\s+(?:morning|afternoon|evening|week)|(?:on\s+)?(?:mon|tues|"
    r"wednes|thurs|fri|satur|sun)day|in\s+the\s+(?:morning|afternoon|evening)|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?)"
)

_RESCHEDULED = re.compile(rf"\b{_TIME_WORDS}\s+instead\b(?!\s+of\b)", re.IGNORECASE)
