"""Cues of work before a contract: the order of the work and the formalities, said in many ways."""

from __future__ import annotations

import re

from .terms import _NEGATED_BEFORE

_WORK_AFTER_CONTRACT = re.compile(
    r"\b(?:once|after|when|as\s+soon\s+as|until)\s+(?:(?:the|your|my|our|i|you|we|it|this)\s+)?(?:\w+\s+){0,2}?"
    r"(?:offer|contract|hire|hired|hiring|proposal|milestone|agreement)s?\b[^.!?\n]{0,25}?"
    r"\b(?:is|are|has\s+been|gets?|was)?\s*(?:accepted|active|signed|funded|arrives?|starts?|begins?|in\s+place|"
    r"done|approved|agreed)\b"
    r"|\b(?:once|after|when|as\s+soon\s+as|until)\s+(?:you|i|we)\s+(?:\w+\s+)?(?:accept|sign|fund|approve|send|make|get|receive|issue)\w*\s+"
    r"(?:the|my|your|an?)\s+(?:\w+\s+)?(?:offer|contract|proposal|milestone|agreement)"
    # Eighth pass: the freelancer accepts first, then starts ("I'll accept the offer tonight and start tomorrow").
    r"|\b(?:i['\u2019]?ll|i\s+will|i['\u2019]?m\s+going\s+to|let\s+me|i\s+can|gonna)\s+(?:\w+\s+)?(?:accept|sign)\w*\s+"
    r"(?:the|your|this|that)\s+(?:\w+\s+)?(?:offer|contract|agreement)\b[^.!?\n]{0,40}?\b(?:and|then)\s+(?:\w+\s+){0,3}?"
    r"(?:start|begin|get\s+going|kick\s+off|dive\s+in|jump\s+in)",
    re.IGNORECASE,
)

_WAIT_FOR_CONTRACT = re.compile(
    r"\b(?:wait|waiting)\s+(?:for|until)\s+(?:the|my|an|your|our)\s+(?:\w+\s+)?(?:offer|contract|hire|agreement)"
    r"|\b(?:offer|contract|hire|agreement)\s+(?:\w+\s+){0,2}?first\b"
    # Tenth pass: the formality named, then "I'll wait for it" ("the offer should arrive today; I'll wait for it
    # before starting", clean, raised on the tenth held-out file).
    r"|\b(?:offer|contract|hire|agreement|booking|paperwork)\b[^.!?\n]{0,60}?\b(?:i['\u2019]?ll|i\s+will|we['\u2019]?ll|"
    r"we\s+will|i['\u2019]?d\s+rather|i\s+prefer\s+to|let\s+me)\s+(?:just\s+)?wait\s+(?:for|until)\s+(?:it|them|that)\b",
    re.IGNORECASE,
)

_REFUSES_TO_START = re.compile(
    r"\b(?:never|don['\u2019]?t|do\s+not|won['\u2019]?t|will\s+not|no)\s+(?:\w+\s+)?(?:start|begin|work|starting|"
    r"beginning|working|needed)\b",
    re.IGNORECASE,
)

# Sixth pass. The normal order said out loud: "nothing starts before the contract is signed", "I'd like to see your
# proposal before sending an offer" (clean; both raised work before a contract on the fifth held-out file).
_NOTHING_BEFORE_CONTRACT = re.compile(
    r"\b(?:nothing|no\s+work|no\s+one|nobody|none\s+of\s+(?:us|it))\b[^.!?\n]{0,30}?\b(?:start|begin|happen|proceed|"
    r"move|kick)\w*\b[^.!?\n]{0,25}?\b(?:before|until|till|without)\b",
    re.IGNORECASE,
)

_REVIEW_BEFORE_OFFER = re.compile(
    r"\b(?:see|review|read|check|look\s+(?:at|over)|go\s+(?:through|over)|compare|get|receive|have)\s+(?:\w+\s+){0,3}?"
    r"(?:proposals?|portfolios?|samples?|profiles?|cover\s+letters?|answers?|references?|quotes?|estimates?|bids?|"
    r"applications?|rates?|questions?)\b[^.!?\n]{0,30}?\bbefore\s+(?:(?:i|we)\s+(?:\w+\s+)?)?(?:send|make|extend|"
    r"issue|offer|hire|hiring|sign|decid|choos|commit)\w*",
    re.IGNORECASE,
)

# The contract already in place: "the hire is done, you can start now", "I just hired you, please begin".
_CONTRACT_IN_PLACE = re.compile(
    r"\b(?:contract|offer|hire|milestone|agreement)\s+(?:is|was|has\s+been|got)\s+(?:\w+\s+)?(?:in\s+place|done|signed|"
    r"accepted|active|funded|live|approved|complete)\b|\b(?:contract|hire)\s+(?:started|began|begins\s+today)\b"
    r"|\b(?:i|we)\s+(?:just\s+|have\s+|['\u2019]ve\s+|already\s+)?(?:hired\s+you|accepted\s+(?:your|the)|signed\s+(?:the|your)|"
    r"funded\s+(?:the|your))\b|\byou['\u2019]?re\s+(?:now\s+)?(?:officially\s+)?hired\b",
    re.IGNORECASE,
)

# The start now, the offer or the contract later, in either order ("start today, the contract comes next week").
_START_NOW = re.compile(
    r"\b(?:start|begin|get\s+going|get\s+started|jump\s+in|dive\s+in|kick\s+off|work\s+on\s+it|go\s+ahead)\w*\b"
    r"[^.!?\n]{0,30}?\b(?:now|today|tonight|immediately|right\s+away|asap|this\s+(?:morning|afternoon|evening|week))\b",
    re.IGNORECASE,
)

_CONTRACT_LATER = re.compile(
    r"\b(?:offer|contract|hire|hiring|official|paperwork|agreement|formalities|milestone)\b[^.!?\n]{0,40}?"
    r"\b(?:later|afterwards|after\s+that|tomorrow|next\s+(?:week|month)|eventually|when\s+i\s+see|once\s+i\s+see|"
    r"once\s+i\s+like|when\s+(?:it['\u2019]?s|you['\u2019]?re)\s+done|in\s+a\s+(?:few|couple)|"
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|end\s+of\s+(?:the\s+)?(?:week|month|day)|"
    r"in\s+\d{1,2}\s+days|(?:will|to)\s+follow|follows|soon)\b",
    re.IGNORECASE,
)


def _start_now_contract_later(text: str) -> bool:
    return bool(_START_NOW.search(text) and _CONTRACT_LATER.search(text))


# Seventh pass. The order said without "now" or "later": "put in a few hours before we finalise the hiring", "we
# let people start first and sign at the end of the week", "work first, contract second"; a negation in the 30
# characters before ("please don't begin before the contract is signed") turns it off.
_WORK_VERB = (
    r"(?:start|begin|work|put\s+(?:in|some|a\s+few)|do|doing|get\s+going|get\s+started|jump\s+in|dive\s+in|kick\s+off|"
    r"crack\s+on|knock\s+out|deliver|spend|tackle|draft|design|code|build|translate|edit|write|prove)"
)

_FORMALITY = r"(?:hir\w*|contract|offer|paperwork|agreement|milestone|deal|onboarding|papers)"

_WORK_BEFORE_FORMALITY = re.compile(
    rf"\b{_WORK_VERB}\w*\b[^.!?\n]{{0,50}}?\bbefore\s+(?:(?:we|i|you|they|hr|legal|finance|the\s+\w+)\s+)?(?:\w+\s+)?"
    r"(?:finali[sz]\w*|sign\w*|formali[sz]\w*|mak\w*\s+it\s+official|send\w*|issu\w*|creat\w*|set\w*\s+up|complet\w*|"
    r"process\w*|approv\w*|accept\w*|fund\w*|officially|clos\w*|confirm\w*|wrap\w*\s+up|finish\w*|hit\w*|"
    rf"sort\w*|do\w*)\b[^.!?\n]{{0,25}}?\b(?:{_FORMALITY}|anything)\b"
    rf"|\b{_WORK_VERB}\w*\b[^.!?\n]{{0,40}}?\bbefore\s+(?:the|your|my|our|any)\s+(?:\w+\s+)?{_FORMALITY}\s+(?:is|gets|has\s+been|"
    r"are|goes)\s+(?:\w+\s+)?(?:signed|sent|ready|done|final\w*|accepted|official|approved|through|set\s+up|funded|"
    r"live|active)\b"
    r"|\b(?:start|begin|work|working|prove)\w*\s+(?:(?!(?:the\s+)?(?:contract|offer|hire|agreement|paperwork)\b)\w+\s+){0,3}?"
    r"first\b(?!\s+thing)[^.!?\n]{0,40}?\b(?:sign|contract|offer|hire|paperwork|agreement|formal|official)\w*"
    r"|\bfirst\s+(?:do|start|begin|deliver)\b[^.!?\n]{0,40}?\b(?:then|after)\b[^.!?\n]{0,30}?\b(?:contract|offer|hire|sign|"
    r"paperwork|agreement)",
    re.IGNORECASE,
)

# The formality after the work, without "now" ("do the contract after", "sign afterwards", "the offer after the
# first draft", "the hire goes through at the end of the week").
_FORMALITY_AFTER = re.compile(
    rf"\b{_FORMALITY}\b[^.!?\n]{{0,40}}?\b(?:after(?=\s*(?:[.,;!?]|$))|afterwards|after\s+(?:the|your)\s+first|"
    r"(?:comes?|goes\s+through|follows?|happens?)\s+(?:\w+\s+){0,2}?(?:at\s+the\s+end|later|next)|will\s+be\s+(?:formali[sz]ed|sorted|done|signed|sent)\s+(?:after|later))"
    rf"|\b(?:sign|formali[sz]e)\w*\s+(?:\w+\s+)?(?:afterwards|after(?=\s*(?:[.,;!?]|$))|later|at\s+the\s+end)",
    re.IGNORECASE,
)

_WORK_WORD = re.compile(rf"\b{_WORK_VERB}\w*\b(?!\s+(?:after|once|when|as\s+soon\s+as|until)\b)", re.IGNORECASE)


def _work_before_formality(text: str) -> bool:
    if _NOTHING_BEFORE_CONTRACT.search(text) or _WORK_AFTER_CONTRACT.search(text):
        return False  # the normal order
    work = _WORK_WORD.search(text) if _FORMALITY_AFTER.search(text) else None
    if work and not _NEGATED_BEFORE.search(text, max(0, work.start() - 30), work.start()):
        return True
    for m in _WORK_BEFORE_FORMALITY.finditer(text):
        if not _NEGATED_BEFORE.search(text, max(0, m.start() - 30), m.start()) and not _REFUSES_TO_START.search(
            text, max(0, m.start() - 30), m.end()
        ):
            return True
    return False


# Eighth pass. The work now, the formality still being prepared or awaited: "no time to wait for the contract",
# "start picking up tickets while I prepare the offer", "until the offer arrives, keep working on the logo".
_FORMALITY_WORD = r"(?:offer|contract|hire|hiring|paperwork|agreement|formalities|onboarding|milestone|papers|nda|sow)"

_NO_WAIT_FOR_FORMALITY = re.compile(
    r"\b(?:no\s+(?:time|need|point|reason)\s+(?:to|for)|can['\u2019]?t|cannot|don['\u2019]?t|do\s+not|no|not|without|"
    r"instead\s+of|rather\s+than|skip|stop|why)\s+(?:\w+\s+)?wait\w*\s+(?:for|on|until|till|around\s+for)\s+"
    rf"(?:(?:the|an?|my|your|our|their|hr['\u2019]?s|legal['\u2019]?s)\s+)?(?:\w+\s+)?{_FORMALITY_WORD}",
    re.IGNORECASE,
)

_WORK_DURING_FORMALITY = re.compile(
    r"\b(?:start|begin|keep|continue|carry\s+on|get\s+going|get\s+started|jump\s+in|dive\s+in|kick\s+off|pick\w*\s+up|"
    r"work\w*|crack\s+on|go\s+ahead|tackle|knock\s+out|draft|design|code|build|push\s+on|proceed)\w*\b[^.!?\n]{0,60}?"
    r"\b(?:while|whilst|as|until|till|in\s+the\s+meantime|meanwhile)\s+(?:(?:i|we|hr|legal|finance|they|the\s+\w+|our\s+\w+|"
    r"someone)\s+)?(?:\w+\s+)?(?:prepar|draft|writ|finali[sz]|sort|set|get|sign|process|approv|arrang|put|wait|"
    r"arriv|come|is|are|gets?|clear|go)\w*\b[^.!?\n]{0,25}?\b"
    + _FORMALITY_WORD
    + r"|\b(?:while|whilst|until|till|in\s+the\s+meantime|meanwhile)\b[^.!?\n]{0,50}?\b"
    + _FORMALITY_WORD
    + r"\b[^.!?\n,;]{0,40}[,;:\-]\s*(?:\w+\s+){0,3}?(?:keep|continue|carry\s+on|start|begin|get\s+going|"
    r"get\s+started|go\s+ahead|push\s+on|"
    r"proceed|work)\w*",
    re.IGNORECASE,
)


def _work_during_formality(text: str) -> bool:
    """Not when a negation or a refusal is near ("until the offer arrives, please don't start")."""
    for pattern in (_NO_WAIT_FOR_FORMALITY, _WORK_DURING_FORMALITY):
        for m in pattern.finditer(text):
            if pattern is _NO_WAIT_FOR_FORMALITY or not (
                _NEGATED_BEFORE.search(text, max(0, m.start() - 20), m.end())
                or _REFUSES_TO_START.search(text, max(0, m.start() - 20), m.end())
            ):
                return True
    return False


# Eighth pass. Files to fetch and the work to begin, with no contract in sight ("the files are at is.gd/x, download
# and begin"); and a runnable file to open without a link ("the test is an .scr file, just double-click it").
_NAMES_FORMALITY = re.compile(rf"\b{_FORMALITY_WORD}s?\b", re.IGNORECASE)

_FETCH_THEN_START = re.compile(
    r"\b(?:download|grab|get|fetch|pull|open|unzip|extract|clone)\w*\b[^.!?\n]{0,60}?(?:\band\b|\bthen\b|&|,)\s*"
    r"(?:\w+\s+)?(?:start|begin|get\s+started|get\s+going|dive\s+in|jump\s+in|kick\s+off)\w*\b",
    re.IGNORECASE,
)


def _fetch_then_start(text: str) -> bool:
    """Only with no offer or contract named: with one, the other cues read the order."""
    return bool(_FETCH_THEN_START.search(text)) and not _NAMES_FORMALITY.search(text)


# Ninth pass. A start asked for or allowed, the offer or the contract coming later, with no "now": "feel free to
# start the article, the contract comes tomorrow", "can u start tonite, offer tmrw", "I will send you the offer after
# two days of work, start tomorrow".
_START_ASKED = re.compile(
    r"(?:^|[,;:\-]\s*|\b(?:pls|please|plz|kindly|and|so)\s+|\b(?:you|u)\s+(?:can|may|could)\s+(?:already\s+)?|"
    r"\bfeel\s+free\s+to\s+|\bcan\s+(?:you|u)\s+|\bcould\s+you\s+)"
    r"(?:start|begin|commence|get\s+going|get\s+started|dive\s+in|kick\s+off|go\s+ahead|go\s+on|crack\s+on)\w*\b",
    re.IGNORECASE,
)

_FORMALITY_LATER = re.compile(
    r"\b(?:offer|contract|hire|hiring|paperwork|agreement|formalities)\b[^.!?\n]{0,40}?"
    r"\b(?:tmrw|tmr|tomorow|tomoro|tommorow|tomorrow|coming|comes|on\s+its\s+way|will\s+come|follows?|"
    r"after\s+(?:\w+\s+){0,2}(?:days?|weeks?|hours?)(?:\s+of\s+work)?|after\s+(?:you|i\s+see)|when\s+i\s+see|"
    r"later|next\s+(?:week|month)|soon|in\s+(?:a|\d+|two|three|a\s+couple\s+of|a\s+few)\s+(?:\w+\s+)?days?)\b"
    r"|\b(?:after|when|once)\s+(?:you|i)\s+(?:\w+\s+){0,3}?(?:deliver|finish|done|see|like)\w*\b[^.!?\n]{0,40}?"
    r"\b(?:offer|contract|hire|agreement)\b",
    re.IGNORECASE,
)

_ACCEPT_FIRST = re.compile(
    r"\b(?:i|i['\u2019]ll|we)\s+(?:\w+\s+)?accept\w*|\bafter\s+accepting\b|\bonce\s+you\s+see\b|"
    r"\b(?:once|after|when|as\s+soon\s+as|if)\s+(?:you(?:['\u2019]ve)?|it|the\s+\w+|i(?:['\u2019]ve)?|we)\s+(?:\w+\s+)?"
    r"(?:accept\w*|signed|sign|arrives?|is\s+(?:active|live|signed|funded|open)|starts?|funded)\b|\bthen\s+(?:you\s+)?start\b|"
    r"\bstart\s+then\b|\bnothing\s+(?:to\s+do\s+)?before\b",
    re.IGNORECASE,
)


def _start_formality_later(text: str) -> bool:
    m = _START_ASKED.search(text)
    if m is None or not _FORMALITY_LATER.search(text) or _ACCEPT_FIRST.search(text):
        return False
    return not (
        _NEGATED_BEFORE.search(text, max(0, m.start() - 20), m.end())
        or _REFUSES_TO_START.search(text)
        or _WAIT_FOR_CONTRACT.search(text)
    )


# Tenth pass. Work asked for in a trade's own words while the formality is still to come, in any order: "sketch the
# floor plan options this week, I'll draw up the contract after I see them", "do the initial site survey this
# weekend; the contract will be issued Monday", "start collecting the case files; the official offer goes out after
# our partners meet", "commence the survey, the purchase order is still pending approval". The ask is a request
# word or a work verb opening a clause; the formality is a contract, offer, engagement, booking, hire, agreement,
# paperwork, purchase order, onboarding, approval or sign-off said to be pending or coming.
_TRADE_WORK = (
    r"(?:start|begin|commence|go\s+ahead|get|do|make|sketch|draft|design|draw|build|code|write|translate|record|"
    r"compose|edit|shoot|film|photograph|paint|install|fix|repair|clean|move|pack|prepare|collect|gather|survey|"
    r"measure|set\s+up|run|test|deliver|send|finish|complete|research|plan|cook|tile|wire|plaster|sand|dig|plant|"
    r"mix|master|transcribe|type|enter|audit|tune|teach|tutor|sew|alter|print|weld|pour|lay|load|tidy|organi[sz]e|"
    r"hop\s+on|crack\s+on|knock\s+out|work\s+on|put\s+together|mock\s+up|outline|produce|assemble|lay\s+out)"
)

_WORK_ASK = re.compile(
    rf"(?:^|[.;:!?,\-]\s*|\b(?:please|pls|plz|kindly|and|so|just|you\s+(?:can|may|could)\s+(?:already\s+)?|"
    rf"(?:could|can|would)\s+(?:you|u)\s+|go\s+ahead\s+(?:and|with)\s+|feel\s+free\s+to\s+|i['\u2019]?d\s+like\s+"
    rf"(?:you\s+)?to\s+|(?:we|i)\s+need\s+(?:you\s+)?to\s+)\s*){_TRADE_WORK}\b",
    re.IGNORECASE,
)

_PENDING_FORMALITY = (
    r"(?:contract|offer|engagement(?:\s+letter)?|booking|hire|hiring|agreement|paperwork|purchase\s+order|po|"
    r"onboarding|sign-?off|approval|papers|sow|nda|job\s+offer)"
)

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tmrw|tonight|next\s+\w+)"

_FORMALITY_PENDING = re.compile(
    rf"\b{_PENDING_FORMALITY}s?\b[^.!?\n]{{0,40}}?\b(?:will\s+(?:be\s+)?(?:\w+\s+)?(?:issued|sent|drawn\s+up|sorted|"
    r"raised|signed|ready|confirmed|formali[sz]ed|created|done|arrive|come|follow|go\s+out|go\s+through|catch\s+up)|"
    r"(?:is|are)\s+(?:still\s+)?(?:pending|being\s+\w+|in\s+progress|with\s+(?:legal|hr|the\s+\w+|our\s+\w+|their\s+\w+)|"
    r"waiting|not\s+(?:yet\s+)?(?:ready|signed|done|approved))|goes\s+out|can\s+wait|"
    rf"(?:by|on|comes?)\s+{_DAY}|after\s+(?:our|the|my|i|we|they)\b|"
    r"when\s+(?:it['\u2019]?s|it\s+is|they|we|the\s+\w+)\s+(?:\w+\s+)?(?:approved|signed|confirmed|agree\w*|approve\w*)|"
    r"once\s+(?:the\s+\w+|it|they|we|legal|hr|procurement|finance)\s+(?:\w+\s+)?(?:approve\w*|sign\w*|agree\w*|confirm\w*))"
    r"|\b(?:i|we)(?:['\u2019]ll|\s+will)\s+(?:\w+\s+)?(?:draw\s+up|send|create|issue|raise|make|put|set\s+up|sort|hire|"
    rf"book|formali[sz]e)\b[^.!?\n]{{0,40}}?\b(?:after|when|once|by|later|afterwards|{_DAY})\b",
    re.IGNORECASE,
)


def _work_formality_pending(text: str) -> bool:
    work = _WORK_ASK.search(text)
    if work is None or not _FORMALITY_PENDING.search(text):
        return False
    if _ACCEPT_FIRST.search(text) or _WAIT_FOR_CONTRACT.search(text) or _NOTHING_BEFORE_CONTRACT.search(text):
        return False
    if _WORK_AFTER_CONTRACT.search(text) or _REFUSES_TO_START.search(text):
        return False
    return not _NEGATED_BEFORE.search(text, max(0, work.start() - 20), work.end())


# Twelfth pass. The formality put off in a few words of its own, often the second sentence of a request: "Paperwork
# to follow.", "accept the offer whenever it arrives", "then I'll go through the hiring steps here", "the formalities
# later", "consider yourself on board", "you're hired in all but name", "then we'll do the contract". Only next to
# a request for work (`_WORK_ASK`), and not when the order is the safe one (the contract first, a wait, a refusal).
_FORMALITY_DEFERRED = re.compile(
    r"\b(?:paperwork|papers|formalit(?:y|ies)|contract|offer|hire|booking|hiring\s+(?:steps|process|side)|"
    r"engagement(?:\s+letter)?|"
    r"onboarding|milestone|admin\s+side|official\s+(?:side|bits?|part))\b[^.!?\n]{0,25}?\b(?:to\s+follow|will\s+follow|"
    r"whenever|in\s+due\s+course|down\s+the\s+line|later\s+on|later|afterwards|after\s+that|at\s+some\s+point|"
    r"can\s+wait|can\s+come\s+later|catch\s+up|when\s+(?:it|they)\s+(?:arrives?|comes?|lands?|shows?\s+up))\b"
    r"|\b(?:then|afterwards|after\s+that|later)\s+(?:i['\u2019]?ll|i\s+will|we['\u2019]?ll|we\s+will|we\s+can|i\s+can)\s+"
    r"(?:\w+\s+){0,3}?(?:do|sort|send|go\s+through|set\s+up|make|handle|deal\s+with|finali[sz]e|formali[sz]e|"
    r"draw\s+up|add|create|issue|raise)\b[^.!?\n]{0,25}?\b(?:contract|offer|paperwork|papers|hir\w+|formalit\w+|"
    r"milestone|agreement|engagement)"
    r"|\b(?:consider\s+yourself|you['\u2019]?re\s+(?:basically|practically|as\s+good\s+as|pretty\s+much|unofficially))\s+"
    r"(?:on\s+board|hired|in|part\s+of\s+the\s+team|on\s+the\s+team|our\s+\w+)\b|\bhired\s+in\s+all\s+but\s+name\b",
    re.IGNORECASE,
)

# Any request, whatever the trade's verb: "please <verb>", "could you <verb>", or a sentence opening on a verb of
# the trades the work-ask list leaves out ("Fly the drone", "Rewrite my headline", "Animate the intro").
_ANY_ASK = re.compile(
    r"\b(?:please|pls|plz|kindly|could\s+(?:you|u)|can\s+(?:you|u)|would\s+you|i\s+need\s+you\s+to|"
    r"i['\u2019]?d\s+like\s+you\s+to|go\s+ahead\s+and)\s+[a-z]+"
    r"|(?:^|[.!?;]\s+)(?:fly|rewrite|redo|update|back\s+up|tag|animate|proofread|review|format|upload|render|retouch|"
    r"illustrate|score|groom|bake|cater|prune|mow|style|brand|map|model|photograph|film|shoot|script|storyboard|"
    r"choreograph|compile|analy[sz]e|optimi[sz]e|migrate|refactor|debug|deploy|label|annotate|sort|file|book|list|"
    r"catalogue|catalog|inventory|source|order|quote|price|estimate|interview|call|email|recruit|screen|pitch)\b",
    re.IGNORECASE,
)

_HIRED_IN_NAME_ONLY = re.compile(
    r"\bhired\s+in\s+all\s+but\s+name\b|\bconsider\s+yourself\s+(?:hired|on\s+board)\b", re.IGNORECASE
)


def _formality_deferred(text: str) -> bool:
    if not (_FORMALITY_DEFERRED.search(text) and (_WORK_ASK.search(text) or _ANY_ASK.search(text))):
        return False
    in_place = _CONTRACT_IN_PLACE.search(text) and not _HIRED_IN_NAME_ONLY.search(text)
    return not (
        in_place
        or _ACCEPT_FIRST.search(text)
        or _WAIT_FOR_CONTRACT.search(text)
        or _NOTHING_BEFORE_CONTRACT.search(text)
        or _WORK_AFTER_CONTRACT.search(text)
        or _REFUSES_TO_START.search(text)
    )


_ESTIMATE_FIRST = re.compile(
    r"^\W*(?:(?:about|around|roughly|approx\w*|maybe|probably|usually|~|max(?:imum)?|at\s+least|at\s+most)\s+)?"
    r"(?:\d+(?:[.,\-]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few)\s+"
    r"(?:full\s+|working\s+|business\s+|work\s+)?(?:days?|hours?|weeks?|hrs?|h|mins?|minutes?)\b",
    re.IGNORECASE,
)
