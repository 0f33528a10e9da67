"""Cues for the screening classifier (`marketplace.screening.model`): what a bag of words cannot see, one feature
each (word order, a negation, an address next to a request, a lookalike domain...). They only inform the model;
the rules (`marketplace.screening`) report nothing for them. Pure module (`re` only), like the rules.

Each cue is a function of one sentence; `CUES` names them, and a trained model keeps the names it was trained with.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Word-order cues a bag of words cannot see, one feature each (weight CUE_WEIGHT): the work comes after the offer
# ("I'll start once the offer is accepted", "please wait for the contract") or the start is refused ("I never
# begin before ..."). They only inform the model; the rules report nothing for them.
CUE_WEIGHT = 3.0
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


# Paying versus talking off the platform: a payment word near "outside", "off" or "directly", in either order
# ("a payment outside the site" is paying, "talk outside the site" is moving the conversation). "Cut" is the
# platform's cut, not the verb of "cut off" or "cut-off date" ("the table is cut off on small screens").
_PAY_WORDS = (
    r"(?:pay|pays|paid|paying|payments?|transfer\w*|invoice\w*|wire\w*|fees?|cut(?![\s-]+off\b)|deposit\w*|wallet|cash|"
    r"money|funds?|settle\w*|commission|bill|bills|billed|billing|charge|charged|instal+ments?|advance|bonus)"
)
_PAY_OUTSIDE = re.compile(
    rf"\b{_PAY_WORDS}\b[^.!?\n]{{0,40}}?\b(?:outside|off|directly|direct|privately|off-platform|off\s+the\s+books|"
    r"around\s+the\s+(?:site|platform)|(?:not|none\s+of\s+it|instead\s+of|rather\s+than)\s+(?:(?:through|via|on|using|"
    r"in)\s+)?(?:the|this)\s+(?:site|platform|marketplace|app|portal|escrow)(?:['\u2019]s)?)\b"
    r"|\b(?:outside|off)\s+(?:of\s+)?(?:the|this)\s+(?:site|platform|app|marketplace)\b[^.!?\n]{0,40}?"
    rf"\b{_PAY_WORDS}\b",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:never|not|won['\u2019]?t|don['\u2019]?t|doesn['\u2019]?t|isn['\u2019]?t|can['\u2019]?t|cannot|refuse\w*)\b",
    re.IGNORECASE,
)
_REFUSED = re.compile(
    r"\bagainst\s+(?:the\s+|our\s+|its\s+)?(?:rules|terms|policy|tos)\b|\bvoids?\b|\bviolat\w*|\bforbid\w*|\bbanned\b|"
    r"\blet['\u2019]?s\s+not\b|\bi\s+won['\u2019]?t\s+do\s+(?:it|that)\b|\b(?:not|isn['\u2019]?t)\s+something\b",
    re.IGNORECASE,
)


def _pay_outside_refused(text: str) -> bool:
    """ "I'd never ask you to pay outside the site", "paying off the platform voids the protection": a negation in
    the 40 characters before the payment, or a refusal anywhere in the sentence."""
    m = _PAY_OUTSIDE.search(text)
    if m is None:
        return False
    return bool(_NEGATED_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _REFUSED.search(text))


def _pay_outside(text: str) -> bool:
    return bool(_PAY_OUTSIDE.search(text)) and not _pay_outside_refused(text)


# Unpaid work versus a paid test: "the trial is paid", "a paid test task", "we don't want free work".
# Ninth pass: auditions, exercises, homework and try-outs too, and a few words between the test and "is paid"
# ("every trial task we give is paid", "we pay for auditions").
_TEST_NOUN = (
    r"(?:trials?|tests?|samples?|pilots?|tasks?|assignments?|auditions?|exercises?|homework|try-?outs?|shifts?)"
)
_PAID_TEST = re.compile(
    rf"\b(?:paid|billed|compensated|invoiced)\s+(?:\w+\s+)?{_TEST_NOUN}\b"
    rf"|\b{_TEST_NOUN}\s+(?:\w+\s+){{0,3}}?(?:is|are|will\s+be|gets?)\s+"
    r"(?:fully\s+|always\s+|also\s+|of\s+course\s+)?(?:paid|billed|compensated|invoiced)\b"
    r"|\b(?:we|i)\s+(?:always\s+|do\s+|also\s+)?(?:pay|compensate)\s+(?:for\s+)?(?:(?:every|each|all|the|your|any)\s+)?"
    rf"(?:\w+\s+)?{_TEST_NOUN}\b",
    re.IGNORECASE,
)
_PAID_TEST_MORE = re.compile(
    r"\bpay\s+(?:every|each|all)\s+(?:\w+\s+)?for\s+(?:the|their|a|your)?\s*(?:\w+\s+)?(?:trials?|tests?|samples?|tasks?)\b"
    r"|\bpaid\s+for\s+(?:the|every|each|your|any)\s+(?:\w+\s+)?(?:trials?|tests?|samples?|tasks?|assignments?)\b"
    r"|\bpay\s+(?:you\s+)?(?:[$\u00a3\u20ac]\s?\d+|\d+\s*(?:usd|eur|gbp|dollars|euros|pounds))\s+for\s+(?:the|a|each|every|"
    r"your)?\s*(?:\w+\s+){0,2}?(?:trials?|tests?|samples?|tasks?|assignments?)\b",
    re.IGNORECASE,
)


def _paid_test(text: str) -> bool:
    """ "a paid trial", "we pay every candidate for the test", not "you won't be paid for the test"."""
    for pattern in (_PAID_TEST, _PAID_TEST_MORE):
        for m in pattern.finditer(text):
            if not _NEGATED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                return True
    return False


# Paid in kind or not at all: "the reward is exposure", "pay you with a testimonial", "paid only if the design
# wins", "no budget for the test".
_PAID_IN_KIND = re.compile(
    r"\b(?:pay|paid|payment|reward|compensation|exchange|return)\b[^.!?\n]{0,30}?\b(?:exposure|review|testimonial|"
    r"credit|credits|shout-?out|mention|followers|portfolio\s+piece|five\s+stars|5\s+stars|visibility|referrals?)\b"
    r"|\b(?:paid|pay(?:\s+you)?)\s+only\s+(?:if|when|for)\b"
    r"|\bno\s+(?:budget|money|payment|pay|fee)\s+for\s+(?:the|this|a|our)?\s*(?:\w+\s+)?(?:tests?|trials?|samples?|"
    r"tasks?|pilots?|prototypes?|drafts?|articles?)\b"
    r"|\b(?:volunteer(?:s|ing)?|unpaid\s+internship|like\s+an\s+internship|at\s+(?:your|their)\s+own\s+cost)\b",
    re.IGNORECASE,
)
_NO_FREE_WORK = re.compile(
    r"\b(?:no|never|can['\u2019]?t|cannot|won['\u2019]?t|don['\u2019]?t|do\s+not|doesn['\u2019]?t|nobody)\s+(?:\w+\s+){0,2}?"
    r"(?:any\s+)?(?:free|unpaid|spec)\s+(?:work|tests?|samples?|trials?|tasks?|jobs?|labou?r|articles?|designs?)\b",
    re.IGNORECASE,
)

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

# Links (sixth pass): an address not on a short list of well-known sites in a sentence that asks for a log-in,
# a password, card or wallet details, a claim, a verification, a download or an install, in either order; a
# lookalike of a well-known name (digits for letters, the name with -login/-verify/-secure..., the name as a
# subdomain of another domain); a link to a bare IP address.
_SITE = re.compile(
    r"(?:https?://|(?<![\w@.\-]))(?:www\.)?(?P<site>[a-z0-9][a-z0-9\-]{0,40}(?:\.[a-z0-9][a-z0-9\-]{0,40}){0,4}\."
    r"[a-z]{2,12})\b(?!\.\w|@)",
    re.IGNORECASE,
)
_NOT_TLDS = frozenset((
    "js", "ts", "py", "rb", "go", "md", "txt", "pdf", "doc", "docx", "xls", "xlsx", "csv", "png", "jpg", "jpeg", "gif",
    "svg", "mp4", "mp3", "zip", "rar", "json", "yaml", "yml", "xml", "html", "htm", "css", "php", "sql", "java", "kt",
    "exe", "msi", "apk", "dmg", "bat", "vbs", "ps1", "jar", "iso", "scr", "cmd", "lnk", "psd", "ai", "fig", "sketch",
    "env", "log", "cfg", "ini", "lock", "tsx", "jsx", "vue",
))  # fmt: skip
# "Node.js" names a framework, not an address ("ASP.NET" is read as the site asp.net, which is on the list).
WELL_KNOWN_SITES = frozenset((
    "github", "gitlab", "bitbucket", "google", "googleapis", "figma", "notion", "trello", "atlassian", "microsoft",
    "office", "apple", "stripe", "paypal", "behance", "dribbble", "linkedin", "youtube", "youtu", "vimeo", "medium",
    "wikipedia", "stackoverflow", "amazon", "aws", "npmjs", "pypi", "python", "djangoproject", "wordpress", "shopify",
    "canva", "adobe", "dropbox", "example", "zoom", "slack", "loom", "calendly", "upwork", "fiverr", "twitter", "x",
    "instagram", "facebook", "airtable", "miro", "heroku", "vercel", "netlify", "readthedocs", "mozilla", "w3",
    "cloudflare", "docker", "apache", "mailchimp", "hubspot", "salesforce", "zendesk", "unsplash", "pexels", "fonts",
    "jsfiddle", "codepen", "codesandbox", "replit", "kaggle", "asp",
))  # fmt: skip
_BRANDS = (
    "upwork", "fiverr", "paypal", "google", "microsoft", "apple", "amazon", "facebook", "instagram", "linkedin",
    "netflix", "stripe", "payoneer", "binance", "coinbase", "metamask", "github", "dropbox", "docusign", "freelancer",
    "toptal", "outlook", "office365", "icloud", "steam", "discord", "telegram", "whatsapp", "zoom", "slack", "wise",
)  # fmt: skip
_BRAND_SUFFIX = re.compile(
    r"login|log-in|signin|verify|verif|secure|support|auth|account|billing|payout|wallet|bonus|claim|reward|"
    r"helpdesk|recovery|unlock|confirm|update|security|service|team|pay",
    re.IGNORECASE,
)
_SWAPS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_REQUEST = re.compile(
    r"\b(?:password|passcode|passphrase|credentials?|log\s*-?\s*in|login|sign\s*-?\s*in|verify|verification|"
    r"confirm|card|cvv|cvc|wallet|seed|recovery\s+phrase|private\s+key|claim|payout|withdraw\w*|bank|ssn|passport|"
    r"otp|2fa|code|unlock|re-?activate|suspend\w*|download\w*|install\w*|run|enable|extension|plugin|apk|"
    r"connect|authori[sz]e|redeem|collect|release|refund|identity|kyc|validat\w*|upload|scan)\b",
    re.IGNORECASE,
)
_IP_ADDRESS_LINK = re.compile(
    r"(?:https?://|\bwww\.)?(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?(?:/|(?<=\d)(?=\s*$))"
    r"|https?://\d{1,3}(?:\.\d{1,3}){3}",
    re.IGNORECASE,
)

# A file that runs code or hides what it holds, at the end of a link ("http://cdn-files.io/brief.zip").
_FILE_ON_LINK = re.compile(
    r"(?:https?://|www\.|\b[a-z0-9][a-z0-9\-]{0,40}\.[a-z]{2,12}/)[^\s]{0,150}?\.(?:exe|msi|apk|zip|rar|7z|scr|bat|cmd|"
    r"vbs|js|jar|docm|xlsm|iso|dmg|pkg|lnk|hta|ps1)\b",
    re.IGNORECASE,
)


def _registrable(site: str) -> tuple[str, list[str]]:
    """The name a domain is registered under ("example" of "docs.example.co.uk") and the labels before it."""
    labels = site.lower().split(".")
    cut = (
        3 if len(labels) >= 3 and labels[-2] in {"co", "com", "org", "net", "ac", "gov"} and len(labels[-1]) == 2 else 2
    )
    return labels[-cut], labels[: len(labels) - cut]


def _sites(text: str) -> list[str]:
    found = []
    for m in _SITE.finditer(text):
        site = m.group("site")
        explicit = m.group().lower().startswith(("http", "www."))
        if explicit or site.rsplit(".", 1)[-1].lower() not in _NOT_TLDS:
            found.append(site)
    return found


def _is_lookalike(site: str) -> bool:
    name, subdomains = _registrable(site)
    if name in WELL_KNOWN_SITES:
        return False
    parts = name.split("-")
    for part in parts:
        plain = part.translate(_SWAPS).replace("vv", "w").replace("rn", "m")
        for brand in _BRANDS:
            if brand in plain and brand not in part:
                return True  # digits or look-alike letters for a brand's: "upw0rk", "paypa1", "rnicrosoft"
        if "marketplace" in plain and "marketplace" not in part:
            return True  # eleventh pass: the marketplace's own name with look-alike letters ("rnarketplace")
            if brand in part and (len(parts) > 1 or _BRAND_SUFFIX.search(part.replace(brand, "", 1))):
                return True  # "paypal-secure", "upworkverify", "google-docs"
    return any(label in _BRANDS or label in WELL_KNOWN_SITES - {"x", "example"} for label in subdomains)


def _unknown_link_with_request(text: str) -> bool:
    return bool(_REQUEST.search(text)) and any(_registrable(s)[0] not in WELL_KNOWN_SITES for s in _sites(text))


def _file_on_link(text: str) -> bool:
    """A risky file at the end of a link to a site not on the well-known list."""
    for m in _FILE_ON_LINK.finditer(text):
        site = _SITE.search(m.group())
        if site is None or _registrable(site.group("site"))[0] not in WELL_KNOWN_SITES:
            return True
    return False


def _lookalike_domain(text: str) -> bool:
    return any(_is_lookalike(site) for site in _sites(text))


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

# Paying by other means than the platform: a cheque, a money order, cash in hand; "we only pay by direct
# transfer"; "we can't pay through the escrow".
_PAY_BY_PAPER = re.compile(
    r"\bcheques?\b|\b(?:mail|post|send)\w*\s+(?:you\s+)?a\s+check\b|\bcheck\s+(?:by|in\s+the|through\s+the)\s+"
    r"(?:post|mail)\b|\bmoney\s+orders?\b|\bpostal\s+orders?\b|\bcash\s+in\s+(?:hand|person)\b"
    r"|\b(?:give|pay|hand)\s+(?:you\s+)?(?:the\s+)?cash\s+(?:when|once|at|in)\b",
    re.IGNORECASE,
)
# A cheque or a money order in a job's scope ("a cheque-printing module", "checkout should accept cheques").
_PAYMENT_SCOPE = re.compile(
    r"\b(?:module|feature|form|options?|integration|app|website|system|page|software|api|customers|users|ledger|"
    r"printing|checkout|build|implement|design)\b",
    re.IGNORECASE,
)
_PAY_ONLY_DIRECT = re.compile(
    r"\bonly\s+(?:\w+\s+)?(?:pay|pays|paying|does|do|accept|use|work\s+with)\w*\s+(?:\w+\s+){0,2}?(?:direct|bank|wire|"
    r"swift|sepa|ach|cash|cheque|crypto|wise|paypal|payoneer|revolut|zelle|venmo)\b"
    r"|\b(?:can['\u2019]?t|cannot|unable\s+to|not\s+able\s+to|aren['\u2019]?t\s+able\s+to|don['\u2019]?t|doesn['\u2019]?t|won['\u2019]?t)"
    r"\s+(?:\w+\s+)?(?:(?:pay|paying|process\s+payments?)\s+(?:\w+\s+)?(?:through|via|with|on|in)\s+(?:(?:the|this)\s+)?"
    r"(?:site['\u2019]s\s+)?(?:escrow|platform|site|marketplace|milestone\s+system|checkout)"
    r"|use\s+(?:(?:the|this)\s+)?(?:site['\u2019]s\s+)?(?:escrow|milestone\s+system|checkout))\b(?!['\u2019]s)"
    r"(?![^.!?\n]{0,25}\b(?:until|before|yet|unless|till)\b)",
    re.IGNORECASE,
)


def _pay_other_means(text: str) -> bool:
    if _PAY_ONLY_DIRECT.search(text):
        return True
    m = _PAY_BY_PAPER.search(text)
    if m is None:
        return False
    return not _PAYMENT_SCOPE.search(text) and not _NEGATED_BEFORE.search(text, max(0, m.start() - 30), m.start())


_UNPAID_WORDS = re.compile(r"\b(?:gratis|pro\s*-?\s*bono|for\s+nothing|on\s+the\s+house|gratuit\w*)\b", re.IGNORECASE)


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


# Eighth pass. Paying around the platform's own payment flow: "settle via bank wire instead of the milestone
# system", "keep the contract at $5 here and pay the real amount separately", "put you on our own payroll rather
# than pay through this platform".
_PAY_AROUND = re.compile(
    rf"\b{_PAY_WORDS}\b[^.!?\n]{{0,50}}?\b(?:instead\s+of|rather\s+than|not|bypass\w*|skip\w*|avoid\w*|around|outside\s+of|"
    r"outside)\s+(?:(?:through|via|on|using|in|with)\s+)?(?:the|this|your|their)\s+(?:site['\u2019]s\s+|platform['\u2019]s\s+)?"
    r"(?:milestones?|milestone\s+system|escrow|checkout|payment\s+system|invoicing|billing|fees?|system|contract\s+payment)\b"
    r"|\b(?:on|onto|to)\s+(?:our|my|the\s+company['\u2019]?s|their)\s+(?:own\s+|internal\s+|company\s+)?payroll\b"
    r"|\bpayroll\b[^.!?\n]{0,50}?\b(?:instead\s+of|rather\s+than|than|not)\b[^.!?\n]{0,30}?\b(?:platform|site|here|escrow)\b"
    r"|\b(?:real|actual|true|full|rest\s+of\s+the|remaining|remainder\s+of\s+the|balance|difference|other\s+part)\s+"
    r"(?:amount|price|fee|payment|sum|budget|rate|money|balance|of\s+it)?\s*[^.!?\n]{0,30}?\b(?:separately|on\s+the\s+side|"
    r"directly|privately|outside|off\s+the\s+(?:site|platform|books)|in\s+cash|by\s+(?:wire|bank|paypal|wise|crypto))\b"
    r"|\b(?:contract|offer|milestone)\b[^.!?\n]{0,20}?\b(?:at|for|to)\s+(?:just\s+|only\s+)?(?:a\s+)?(?:token|nominal|"
    r"symbolic|[$\u00a3\u20ac]\s?\d{1,2}\b|\d{1,2}\s*(?:usd|eur|gbp|dollars|euros|bucks)\b)",
    re.IGNORECASE,
)


def _pay_around(text: str) -> bool:
    m = _PAY_AROUND.search(text)
    if m is None:
        return False
    return not (_NEGATED_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _REFUSED.search(text))


# Eighth pass. A site named like a service desk ("support-marketplace-help.com", "account-recovery-center.net")
# and restoring or recovering access.
_SERVICE_WORDS = frozenset((
    "support", "help", "helpdesk", "desk", "recovery", "recover", "restore", "secure", "security", "verify",
    "verification", "account", "accounts", "login", "signin", "billing", "payout", "payouts", "claim", "unlock",
    "appeal", "appeals", "review", "center", "centre", "service", "services", "team", "safety", "trust", "resolution",
    "notice", "alert", "alerts", "auth", "reset", "validate", "wallet", "refund", "refunds",
))  # fmt: skip
_RESTORE_ACCESS = re.compile(
    r"\b(?:restor|recover|regain|reactivat|re-activat|reinstat|unlock|unfreez|unblock|appeal|reset|lift)\w*\b",
    re.IGNORECASE,
)


def _service_desk_domain(text: str) -> bool:
    for site in _sites(text):
        name, _ = _registrable(site)
        parts = name.split("-")
        if name in WELL_KNOWN_SITES or len(parts) < 2:
            continue
        if sum(part in _SERVICE_WORDS for part in parts) >= 1:
            return True
    return False


def _restore_access_link(text: str) -> bool:
    return bool(_RESTORE_ACCESS.search(text)) and any(_registrable(s)[0] not in WELL_KNOWN_SITES for s in _sites(text))


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


_RUNNABLE_FILE = re.compile(
    r"(?:\.|\b)(?:exe|scr|msi|bat|cmd|vbs|jar|hta|ps1|lnk|pif|wsf)\b(?:\s+file)?[^.!?\n]{0,50}?\b(?:double-?\s?click|"
    r"open|run|launch|execute|install(?!er)|click)\w*\b"
    r"|\b(?:double-?\s?click|open|run|launch|execute)\w*\b[^.!?\n]{0,50}?\.(?:exe|scr|msi|bat|cmd|vbs|jar|hta|ps1|lnk|"
    r"pif|wsf)\b",
    re.IGNORECASE,
)


# Ninth pass. Paying off the platform once this contract is over or outside its flow: "end the contract here and
# continue with monthly bank payments", "our own invoicing system after this first contract", "the bonus on your
# PayPal so it doesn't go through here", "my preferred method is cash app"; not when the later work is paid
# through the platform ("the next phase goes through a new contract here").
_PAY_SERVICE = (
    r"(?:bank|wire|paypal|venmo|zelle|cash\s?app|wise|payoneer|revolut|skrill|crypto|bitcoin|usdt|western\s+union|"
    r"cheques?|iban|deel|apple\s+pay|google\s+pay)"
)
_AFTER_THIS_CONTRACT = re.compile(
    r"\b(?:after|once|when|from)\s+(?:this|the|our|your)\s+(?:first\s+|current\s+|initial\s+|present\s+|trial\s+)?"
    r"(?:contract|job|project|milestone|gig)\b|\b(?:end|close|finish|wrap)\w*\s+(?:up\s+)?(?:the|this|our)\s+"
    r"(?:contract|job)\b|\bfuture\s+(?:work|projects?|milestones?|jobs?)\b|\bnext\s+(?:projects?|jobs?|time)\b|"
    r"\bfrom\s+(?:now|then)\s+on\b|\bfor\s+the\s+rest\s+of\s+the\s+(?:year|project|work)\b",
    re.IGNORECASE,
)
_OWN_PAY_CHANNEL = re.compile(
    rf"\b(?:own|internal|in-house|company)\s+(?:invoicing|billing|payroll|payment)\w*|\b{_PAY_SERVICE}\b|\bdirectly\b|"
    r"\bprivately\b|\binvoice\s+(?:us|me|my\s+company|our\s+company)\b",
    re.IGNORECASE,
)
_THROUGH_PLATFORM = re.compile(
    r"\b(?:through|via|on|in|using)\s+(?:the|this)\s+(?:site|platform|marketplace|escrow|contract\s+page)\b|"
    r"\bnew\s+contract\b|\bescrow\b",
    re.IGNORECASE,
)
_NOT_THROUGH_HERE = re.compile(
    r"\bso\s+(?:that\s+)?(?:it|this|the\s+\w+)\s+(?:doesn['\u2019]?t|does\s+not|won['\u2019]?t|will\s+not)\s+"
    r"(?:go|run|pass)\s+(?:through|via)\s+(?:here|the\s+(?:site|platform|marketplace)|this\s+(?:site|platform))\b"
    r"|\bso\s+(?:that\s+)?(?:the|this)\s+(?:site|platform|marketplace)\s+(?:doesn['\u2019]?t|does\s+not|won['\u2019]?t|"
    r"will\s+not|can['\u2019]?t)\s+(?:take|get|see|keep)\b",
    re.IGNORECASE,
)
_PREFERRED_PAY = re.compile(
    r"\b(?:prefer\w*|usual|favou?rite)\s+(?:payment\s+|pay\s+)?(?:method|way|option|app|channel)\b[^.!?\n]{0,25}?"
    rf"\b{_PAY_SERVICE}\b|\b(?:i|we)\s+(?:can|could|would|will|prefer\s+to)\s+pay\s+(?:you\s+)?(?:with|via|by|through|"
    r"using|on)\s+(?:cash\s?app|zelle|venmo|skrill|western\s+union|apple\s+pay|crypto|usdt|bitcoin)\b",
    re.IGNORECASE,
)
_PAY_WORD_RE = re.compile(rf"\b{_PAY_WORDS}\b", re.IGNORECASE)


def _not_refused(text: str, m: re.Match[str]) -> bool:
    return not (_NEGATED_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _REFUSED.search(text))


def _pay_after_contract(text: str) -> bool:
    m = _AFTER_THIS_CONTRACT.search(text)
    if m is None or not _PAY_WORD_RE.search(text) or _THROUGH_PLATFORM.search(text):
        return False
    return bool(_OWN_PAY_CHANNEL.search(text)) and _not_refused(text, m)


def _pay_not_through_here(text: str) -> bool:
    m = _NOT_THROUGH_HERE.search(text) or _PREFERRED_PAY.search(text)
    return m is not None and bool(_PAY_WORD_RE.search(text) or _PREFERRED_PAY.search(text)) and _not_refused(text, m)


# Ninth pass. A payment method named as part of a product: a shop's or a checkout's payment options, invoicing or
# payroll software, a "pay later" button, gift cards ("our shop should list bank transfer as a payment option").
_PAYMENT_PRODUCT = re.compile(
    r"\bpayment\s+(?:options?|methods?|gateways?|page|form|providers?|flow|buttons?|integration|module)\b|"
    r"\b(?:checkout|check-out|cart|shop|store|webshop|e-?shop|storefront|point\s+of\s+sale|pos)\b|"
    r"\b(?:invoicing|billing|payroll|accounting|bookkeeping|tax)\s+(?:feature|module|tool|software|app|report|page)\b|"
    r"\bpay\s+later\b|\bgift\s+cards?\b|\bintegrat\w*\b|\bin-app\s+purchases?\b",
    re.IGNORECASE,
)

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


# Ninth pass. No money for the work, said as a budget, volunteering, a free consultation, a reference letter or
# an unpaid part of an interview: "our budget is zero for now", "a free 30-minute consultation", "only a reference
# letter, no money", "as part of the interview, redesign our onboarding, unpaid".
_NO_MONEY = re.compile(
    r"\b(?:budget|money)\s+(?:is\s+|of\s+)?(?:zero|nil|none|nothing|\$?0)\b|\b(?:zero|no)\s+budget\b|"
    r"\bno\s+(?:money|pay|payment|compensation)\b|\b(?:without|free\s+of|no)\s+(?:any\s+)?(?:pay|payment|compensation|charge|cost)\b|"
    r"\bcan['\u2019]?t\s+(?:afford\s+to\s+)?pay\b(?!\s+(?:you\s+)?(?:through|via|outside|on|in|by|with|using|off))|\bnot\s+(?:be\s+)?(?:paid|compensated)\b|"
    r"\bfree\s+(?:\d+[- ]?(?:minute|min|hour)s?\s+|\w+\s+)?(?:consultation|consult|call|session|audit)s?\b|"
    r"\b(?:reference|recommendation)\s+(?:letter|instead)\b|\b(?:letter\s+of\s+)?recommendation\b[^.!?\n]{0,30}"
    r"\b(?:no\s+money|instead|no\s+pay)\b|\b(?:as\s+part\s+of|for)\s+the\s+interview\b[^.!?\n]{0,60}?\b(?:unpaid|free|"
    r"no\s+(?:cost|charge|pay))\b",
    re.IGNORECASE,
)


def _no_money(text: str) -> bool:
    return bool(_NO_MONEY.search(text)) and not _paid_test(text) and not _NO_FREE_WORK.search(text)


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


# Tenth pass. A payment rail of any country or kind after a preposition, with a payment word in the sentence:
# "the remaining 60% goes straight into your bank account", "share your UPI ID so I can transfer the amount", "the
# final 50% will come by wire", "payment in Monero", "we settle by BACS", "pay the tiler in cash". Not when refused
# ("I won't accept Venmo"); a product's payment options have their own cue (`payment_product`).
_RAILS = (
    r"(?:ach|bacs|sepa|swift|iban|pix|upi(?:\s+id)?|gcash|m-?pesa|mobile\s+money|airtel\s+money|momo|paytm|phonepe|"
    r"interac|e-?transfer|remitly|worldremit|western\s+union|moneygram|wise|payoneer|skrill|neteller|revolut|zelle|"
    r"venmo|cash\s?app|pay\s?pal|alipay|wechat\s+pay|apple\s+pay|google\s+pay|bank(?:\s+(?:transfer|wire|deposit|"
    r"app|account))?|wire|cheques?|checks?|money\s+orders?|cash|crypto\w*|bitcoin|btc|eth(?:ereum)?|usdt|usdc|tether|"
    r"stablecoins?|monero|xmr|litecoin|ltc|solana|dogecoin|binance(?:\s+pay)?|wallet|vouchers?|gift\s+cards?|"
    r"prepaid\s+(?:visa|cards?)|purchase\s+orders?|po|accounts\s+payable|ap\s+team|payroll|direct\s+debit|"
    r"standing\s+order|sort\s+code|routing\s+number|amazon\s+credit|steam\s+credit)"
)
_RAIL_AFTER_PREP = re.compile(
    r"\b(?:by|via|through|thru|with|in|into|using|over|to|on|as)\s+(?:(?:my|your|our|a|an|the|his|her|their|own|"
    rf"personal|private|company|business)\s+){{0,2}}{_RAILS}\b(?![-\s](?:module|feature|integration|api|logo|icon|"
    r"button|option|page|screen|form|flow|register|printing|scanning|flow|app\s+design))",
    re.IGNORECASE,
)
_RAIL_PAY_WORD = re.compile(
    r"\b(?:pay|pays|paying|paid|payments?|fees?|balance|rest|remainder|remaining|deposit|money|amount|invoices?|"
    r"settle\w*|salary|wages?|rate|transfer\w*|send|sent|reimburs\w*|tip|bonus|advance|royalt\w*|compensat\w*)\b|"
    r"\d+\s?%|[$\u00a3\u20ac]\s?\d",
    re.IGNORECASE,
)


# The rail in a job's scope: what the users of a product, a shop's customers or a system do ("our app will let users
# send money with bank transfers", "our customers pay in cash at the counter").
_RAIL_SCOPE = re.compile(
    r"\b(?:users|customers|shoppers|buyers|donors|donations|tenants|guests|patients|subscribers|members|suppliers|"
    r"module|feature|integration|backend|api|checkout|newsletter|template|system|software|automate|csv|ledger|"
    r"translate|leaflet|blog|article|faq|button)\b",
    re.IGNORECASE,
)


def _pay_rail(text: str) -> bool:
    m = _RAIL_AFTER_PREP.search(text)
    if m is None or not _RAIL_PAY_WORD.search(text) or _RAIL_SCOPE.search(text):
        return False
    return _not_refused(text, m)


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


# Fourteenth pass. Everyday chat raised on a fresh file: "Can we talk tomorrow instead?" (moving off, 0.99: "talk ...
# instead" is how channels are swapped) and "About 5 working days for the first concepts." (work before a contract,
# 0.99). "Instead" right after a time reschedules, it names no channel; a message that opens with a duration is an
# estimate, not a request to start.
_TIME_WORDS = (
    r"(?:tomorrow|today|tonight|later|next\s+week|this\s+(?:morning|afternoon|evening|week)|(?:on\s+)?(?:mon|tues|"
    r"wednes|thurs|fri|satur|sun)day|in\s+the\s+(?:morning|afternoon|evening)|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?)"
)
_RESCHEDULED = re.compile(rf"\b{_TIME_WORDS}\s+instead\b(?!\s+of\b)", re.IGNORECASE)
_ESTIMATE_FIRST = re.compile(
    r"^\W*(?:(?:about|around|roughly|approx\w*|maybe|probably|usually|~|max(?:imum)?|at\s+least|at\s+most)\s+)?"
    r"(?:\d+(?:[.,\-]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few)\s+"
    r"(?:full\s+|working\s+|business\s+|work\s+)?(?:days?|hours?|weeks?|hrs?|h|mins?|minutes?)\b",
    re.IGNORECASE,
)

# Fifteenth pass: "free" said of a resource to use (fonts, stock photos, a plan, shipping) rather than of the work
# ("free google fonts only please"), and a request for a piece of the work with a try-out reason after it ("... so
# we know your thinking", "i need to show my investors"): word order a bag of words does not see.
_FREE_RESOURCE = re.compile(
    r"\bfree\s+(?:(?:google|adobe|open[-\s]source|commercial[-\s]use|stock|royalty[-\s]free)\s+)?(?:fonts?|stock|icons?|"
    r"images?|photos?|tier|plan|version|shipping|delivery|returns|templates?|assets|plugins?|tools?|software|"
    r"licen[cs]es?|apps?|accounts?|parking|wifi|wi-fi|updates?|resources|music|tracks|sounds|mockup\s+templates?)\b",
    re.IGNORECASE,
)
_TRY_OUT_AFTER_REQUEST = re.compile(
    r"\b(?:send|make|do|create|design|draw|write|record|build|edit|translate|prepare|sketch|draft|mock\s+up|model|"
    r"render)\b[^.!?\n]{0,60}?\b(?:so\s+(?:we|i)\s+(?:can\s+)?(?:know|see|judge|check|get\s+a\s+(?:sense|feel))|to\s+show\s+"
    r"(?:my|our)|i\s+need\s+(?:it\s+)?to\s+(?:show|pitch|present)|for\s+(?:my|our|the)\s+(?:investors|pitch|board))\b",
    re.IGNORECASE,
)

CUES: dict[str, Callable[[str], object]] = {
    "work_after_contract": _WORK_AFTER_CONTRACT.search,
    "wait_for_contract": _WAIT_FOR_CONTRACT.search,
    "refuses_to_start": _REFUSES_TO_START.search,
    "nothing_before_contract": _NOTHING_BEFORE_CONTRACT.search,
    "review_before_offer": _REVIEW_BEFORE_OFFER.search,
    "start_now_contract_later": _start_now_contract_later,
    "contract_in_place": _CONTRACT_IN_PLACE.search,
    "pay_outside": _pay_outside,
    "channel_not_here": _CHANNEL_NOT_HERE.search,
    "pay_outside_refused": _pay_outside_refused,
    "paid_test": _paid_test,
    "paid_in_kind": _PAID_IN_KIND.search,
    "no_free_work": _NO_FREE_WORK.search,
    "unknown_link_with_request": _unknown_link_with_request,
    "lookalike_domain": _lookalike_domain,
    "ip_address_link": _IP_ADDRESS_LINK.search,
    "file_on_link": _file_on_link,
    "work_before_formality": _work_before_formality,
    "elsewhere": _ELSEWHERE.search,
    "pay_other_means": _pay_other_means,
    "unpaid_words": _UNPAID_WORDS.search,
    "work_during_formality": _work_during_formality,
    "pay_around": _pay_around,
    "service_desk_domain": _service_desk_domain,
    "restore_access_link": _restore_access_link,
    "fetch_then_start": _fetch_then_start,
    "runnable_file": _RUNNABLE_FILE.search,
    "pay_after_contract": _pay_after_contract,
    "pay_not_through_here": _pay_not_through_here,
    "payment_product": _PAYMENT_PRODUCT.search,
    "start_formality_later": _start_formality_later,
    "no_money": _no_money,
    "work_formality_pending": _work_formality_pending,
    "pay_rail": _pay_rail,
    "formality_deferred": _formality_deferred,
    "rescheduled": _RESCHEDULED.search,
    "estimate_first": _ESTIMATE_FIRST.search,
    "free_resource": _FREE_RESOURCE.search,
    "try_out_after_request": _TRY_OUT_AFTER_REQUEST.search,
}
