"""Cues of paying off the platform and of unpaid work: payment words near "outside", other rails, paid tests."""

from __future__ import annotations

import re

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
