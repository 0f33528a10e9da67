"""Statistical screening next to the rules: one text classifier per category, combined with the rules' hits.

Pure module (scikit-learn, no Django), like `marketplace.screening`. Each sentence is described by TF-IDF over
word 1-2-grams and character 2-5-grams (robust to spelling, obfuscation and word order) plus one feature per
category saying whether a rule hit falls in that sentence. One logistic regression per category turns that into
a probability: the combined score. The rules stay the precise part (a rule hit weighs heavily), the words add
paraphrases the rules don't know ("you're hired, begin today"), and near-misses the rules catch by mistake
("my portfolio has free samples") can pull a rule hit's score down.

* `training_examples(corpus, paraphrases)`: the labelled sentences. Corpus sentences take the categories the rules
  find in them (the rules are exact on the tuning corpus at group level), minus those the sentence is listed as a
  negative for; paraphrases (and moderators' exported decisions) carry their own labels.
* `train(examples)` -> `Classifier`; `save`/`load` (joblib); `load_default()` loads the committed model once per
  process.
* `scores(text, classifier)`: one score per category in [0, 1], the highest over the text's sentences.
  `screen_combined(text, classifier, thresholds)` returns the hits of the categories whose score passes the
  threshold: the rules' hits there, or the sentence itself (kind "classifier") when no rule hit it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer

from .screening import _CONTACT_RULES, _RISKY_RULES, Category, Hit, ScreeningResult, screen

__all__ = [
    "CATEGORIES",
    "DEFAULT_MODEL_PATH",
    "DEFAULT_THRESHOLDS",
    "MAX_CLASSIFIED_CHARS",
    "Classifier",
    "Example",
    "load",
    "load_default",
    "load_json",
    "save",
    "scores",
    "screen_combined",
    "train",
    "training_examples",
]

CATEGORIES: tuple[Category, ...] = tuple(Category)
LABELS: tuple[str, ...] = tuple(str(c) for c in CATEGORIES)
DEFAULT_MODEL_PATH = Path(__file__).with_name("screening_model.joblib")
# Score a category needs before it is raised, chosen by hand on the 5-fold cross-validated scores of the training
# data (corpus, paraphrases, the spent held-out files), never on an unspent held-out file: the lowest score with
# cross-validated precision >= 0.95 (a held-out file of ~10 positives a category allows no false positive), then
# recall; the fourth pass moved work before a contract to 0.75, unpaid work to 0.6, suspicious links to 0.4 and
# moving off the platform to 0.8; the fifth (with C=100) paying off the platform to 0.4, unpaid work to 0.7,
# suspicious links back to 0.5 (a job scope about a sign-in page passed 0.4 on the fourth held-out file) and moving
# off the platform to 0.75. The sixth pass chose them on the pooled leave-one-held-out-file-out estimate first
# (`bench/screening_lofo.py`: each spent held-out file scored by a model trained without it), in the middle of the
# range where it holds precision >= 0.97 and recall >= 0.92, then on 5-fold CV; only suspicious links moved, to
# 0.45 (missed phishing links were its recurring failure; CV precision stays 0.97). The seventh pass did the same
# with the sixth held-out file among the spent ones (its strict estimate the most telling): the strict
# leave-one-file-out figures are flat from 0.5 to 0.75 for both categories whose recall fell short on that file, so
# CV (pooled over three fold seeds) decided: work before a contract to 0.7 (CV 0.978 / 0.943 against 0.981 / 0.936
# at 0.75) and moving off the platform to 0.65 (0.969 / 0.953 against 0.976 / 0.944).
# Settings (`SCREENING_THRESHOLDS`) may override them.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "contact_details": 0.5,
    "off_platform_payment": 0.4,
    "work_before_contract": 0.7,
    "unpaid_work": 0.7,
    "suspicious_link": 0.45,
    "off_platform_contact": 0.65,
}
# The classifier reads at most this many characters of a text, so its cost stays bounded (a room message has
# at most 5,000); the rules still read all of it.
MAX_CLASSIFIED_CHARS = 5_000
SEED = 0
# Inverse regularisation and the weight of the rule features against the (unit-length) TF-IDF vector: one
# feature per category a rule hit falls in, and one per rule kind ("messenger_invite" in contact details is not
# "email": an invitation to a messenger gives no address). C was 30 until the fifth pass; on its 3,150 sentences
# C=100 is better on 5-fold CV in every category (C=60 and C=300 no better). On the sixth pass's ~3,800, C=200 is as
# good on leave-one-file-out and a little better on 5-fold CV (work before a contract, moving off the platform)
# than C=30, 60 or 100.
C_VALUE = 200.0
RULE_WEIGHT = 3.0
KIND_WEIGHT = 3.0
# Every (category, kind) the rules can report; a model keeps the list it was trained with.
RULE_KINDS: tuple[str, ...] = tuple(sorted({f"{r.category}:{r.kind}" for r in _CONTACT_RULES + _RISKY_RULES}))
# Labelled files next to corpus.json that `train_screening` reads, in this order (a later label of the same
# sentence wins): the second pass's paraphrases, the third pass's, the second and third passes' held-out files,
# spent once they were scored (issue 15) and training material since, the fourth pass's paraphrases, its held-out
# file (spent in the fifth pass), the fifth pass's paraphrases, its held-out file (spent in the sixth pass), the
# sixth pass's paraphrases, its held-out file (spent in the seventh pass) and the seventh pass's paraphrases.
TRAINING_FILES = (
    "paraphrases.json",
    "paraphrases_pass3.json",
    "heldout.json",
    "heldout_pass3.json",
    "paraphrases_pass4.json",
    "heldout_pass4.json",
    "paraphrases_pass5.json",
    "heldout_pass5.json",
    "paraphrases_pass6.json",
    "heldout_pass6.json",
    "paraphrases_pass7.json",
)

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
    r"(?:the|my|your|an?)\s+(?:\w+\s+)?(?:offer|contract|proposal|milestone|agreement)",
    re.IGNORECASE,
)
_WAIT_FOR_CONTRACT = re.compile(
    r"\b(?:wait|waiting)\s+(?:for|until)\s+(?:the|my|an|your|our)\s+(?:\w+\s+)?(?:offer|contract|hire|agreement)"
    r"|\b(?:offer|contract|hire|agreement)\s+(?:\w+\s+){0,2}?first\b",
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
# ("a payment outside the site" is paying, "talk outside the site" is moving the conversation).
_PAY_WORDS = (
    r"(?:pay|pays|paid|paying|payments?|transfer\w*|invoice\w*|wire\w*|fees?|cut|deposit\w*|wallet|cash|money|funds?|"
    r"settle\w*|commission|bill|bills|billed|billing|charge|charged|instal+ments?|advance|bonus)"
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
_PAID_TEST = re.compile(
    r"\b(?:paid|billed|compensated|invoiced)\s+(?:\w+\s+)?(?:trials?|tests?|samples?|pilots?|tasks?|assignments?)\b"
    r"|\b(?:trials?|tests?|samples?|pilots?|tasks?|assignments?)\s+(?:is|are|will\s+be|gets?)\s+"
    r"(?:fully\s+|always\s+|also\s+|of\s+course\s+)?(?:paid|billed|compensated|invoiced)\b"
    r"|\b(?:we|i)\s+(?:always\s+|do\s+|also\s+)?pay\s+(?:for\s+)?(?:(?:every|each|all|the|your|any)\s+)?(?:\w+\s+)?"
    r"(?:trials?|tests?|samples?|pilots?|tasks?)\b",
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
    r"|\b(?:volunteer|unpaid\s+internship|like\s+an\s+internship|at\s+(?:your|their)\s+own\s+cost)\b",
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
}

Example = tuple[str, frozenset[str]]
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|$)", re.MULTILINE)


def training_examples(corpus: Mapping[str, Any], paraphrases: Sequence[Mapping[str, Any]] = ()) -> list[Example]:
    groups = {
        "contact_details": {str(Category.CONTACT_DETAILS)},
        "risky_talk": set(LABELS) - {str(Category.CONTACT_DETAILS)},
    }
    negative_for: dict[str, set[str]] = {}
    sentences: list[str] = []
    for group, cats in groups.items():
        for text in corpus[group]["positive"] + corpus[group]["negative"]:
            if text not in negative_for:
                sentences.append(text)
                negative_for[text] = set()
        for text in corpus[group]["negative"]:
            negative_for[text] |= cats
    for text in corpus.get("neutral", []):
        if text not in negative_for:
            sentences.append(text)
        negative_for[text] = set(LABELS)
    # A labelled sentence's own categories win over those read off the corpus (and a later file over an earlier).
    labelled = {str(p["text"]): frozenset(p["categories"]) for p in paraphrases}
    examples = [
        (text, frozenset({str(c) for c in screen(text).categories} - negative_for[text]))
        for text in sentences
        if text not in labelled
    ]
    examples += list(labelled.items())
    return examples


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)),
        ]
    )


def rule_found(hits: Iterable[Hit]) -> frozenset[str]:
    """What the rule features read of some hits: their categories and their "category:kind"s."""
    hits = list(hits)
    return frozenset(str(h.category) for h in hits) | frozenset(f"{h.category}:{h.kind}" for h in hits)


def _rule_matrix(
    found_per_text: Sequence[frozenset[str]], kinds: Sequence[str], texts: Sequence[str], cues: Sequence[str]
) -> sp.csr_matrix:
    rows = [
        [RULE_WEIGHT if label in found else 0.0 for label in LABELS]
        + [KIND_WEIGHT if kind in found else 0.0 for kind in kinds]
        + [CUE_WEIGHT if CUES[cue](text) else 0.0 for cue in cues]
        for found, text in zip(found_per_text, texts, strict=True)
    ]
    return sp.csr_matrix(np.array(rows, dtype=float).reshape(len(rows), len(LABELS) + len(kinds) + len(cues)))


@dataclass(frozen=True)
class Classifier:
    features: FeatureUnion
    model: OneVsRestClassifier
    labels: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()

    def probabilities(
        self, texts: Sequence[str], found: Sequence[frozenset[str]] | None = None
    ) -> list[dict[str, float]]:
        """Per text, the probability of each category; `found` is what the rules found in each text
        (`rule_found(hits)`; screened here when not given)."""
        if not texts:
            return []
        if found is None:
            found = [rule_found(screen(t).hits) for t in texts]
        texts = list(texts)
        x = sp.hstack([self.features.transform(texts), _rule_matrix(found, self.kinds, texts, self.cues)]).tocsr()
        rows = self.model.predict_proba(x)
        return [{label: float(p) for label, p in zip(self.labels, row, strict=True)} for row in rows]


def train(examples: Iterable[Example]) -> Classifier:
    ordered = sorted(set(examples), key=lambda e: (e[0], sorted(e[1])))  # the same model whatever the file order
    texts = [text for text, _ in ordered]
    binarizer = MultiLabelBinarizer(classes=list(LABELS))
    y = binarizer.fit_transform([sorted(labels) for _, labels in ordered])
    features = _features().fit(texts)
    rules = [rule_found(screen(t).hits) for t in texts]
    cues = tuple(CUES)
    x = sp.hstack([features.transform(texts), _rule_matrix(rules, RULE_KINDS, texts, cues)]).tocsr()
    regression = LogisticRegression(
        C=C_VALUE, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=SEED
    )
    model = OneVsRestClassifier(regression).fit(x, y)
    return Classifier(features=features, model=model, labels=tuple(binarizer.classes_), kinds=RULE_KINDS, cues=cues)


def save(classifier: Classifier, path: Path) -> None:
    joblib.dump(
        {
            "features": classifier.features,
            "model": classifier.model,
            "labels": classifier.labels,
            "kinds": classifier.kinds,
            "cues": classifier.cues,
        },
        path,
        compress=3,
    )


def load(path: Path) -> Classifier:
    data = joblib.load(path)
    return Classifier(
        features=data["features"],
        model=data["model"],
        labels=tuple(data["labels"]),
        kinds=tuple(data.get("kinds", ())),
        cues=tuple(data.get("cues", ())),
    )


@functools.cache
def load_default() -> Classifier | None:
    """The committed model, loaded once per process (None when it was never built)."""
    return load(DEFAULT_MODEL_PATH) if DEFAULT_MODEL_PATH.exists() else None


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the first `MAX_CLASSIFIED_CHARS` characters, surrounding spaces trimmed."""
    head = text[:MAX_CLASSIFIED_CHARS]
    spans = []
    for m in _SENTENCE.finditer(head):
        start, end = m.start(), m.end()
        while start < end and head[start].isspace():
            start += 1
        while end > start and head[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _sentence_scores(
    text: str, classifier: Classifier, rules: ScreeningResult
) -> list[tuple[int, int, dict[str, float]]]:
    spans = _sentences(text)
    found = [
        rule_found(h for h in rules.hits if start <= h.start < end or h.start <= start < h.end) for start, end in spans
    ]
    probs = classifier.probabilities([text[s:e] for s, e in spans], found)
    return [(s, e, p) for (s, e), p in zip(spans, probs, strict=True)]


def scores(text: str, classifier: Classifier, *, rules: ScreeningResult | None = None) -> dict[str, float]:
    """One score per category in [0, 1]: the highest combined probability over the text's sentences."""
    rules = rules if rules is not None else screen(text)
    result = dict.fromkeys(LABELS, 0.0)
    for _, _, probs in _sentence_scores(text, classifier, rules):
        for label, p in probs.items():
            result[label] = max(result[label], p)
    return result


def screen_combined(
    text: str,
    classifier: Classifier,
    thresholds: Mapping[str, float] | None = None,
    *,
    rules: ScreeningResult | None = None,
) -> ScreeningResult:
    """The hits of the categories whose combined score passes its threshold.

    A category keeps the rules' hits when it passes and a rule found it; otherwise its best sentence becomes one
    hit of kind "classifier" (`text[hit.start:hit.end] == hit.text`). Rule hits beyond the classified head of a
    long text are kept as they are.
    """
    rules = rules if rules is not None else screen(text)
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    best: dict[str, tuple[float, int, int]] = {}
    for start, end, probs in _sentence_scores(text, classifier, rules):
        for label, p in probs.items():
            if p >= limits[label] and p > best.get(label, (-1.0, 0, 0))[0]:
                best[label] = (p, start, end)
    kept: list[Hit] = []
    for hit in rules.hits:
        if str(hit.category) in best or hit.start >= MAX_CLASSIFIED_CHARS:
            kept.append(hit)
    ruled = {str(h.category) for h in kept}
    for label, (_, start, end) in best.items():
        if label not in ruled:
            kept.append(Hit(Category(label), "classifier", text[start:end], start, end))
    contact = tuple(h for h in kept if h.category == Category.CONTACT_DETAILS)
    risky = tuple(h for h in kept if h.category != Category.CONTACT_DETAILS)
    return ScreeningResult(contact_details=contact, risky=risky)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
