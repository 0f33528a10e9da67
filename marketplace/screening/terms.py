"""The terms of the work: paying off the platform, work before a contract and unpaid work."""

from __future__ import annotations

import re

from .hits import Category
from .scan import _F, _hinted, _scan, _sentence_has

# Payment channels that are (almost) never part of a platform's own flow when named in a chat.
_PAY_SERVICES_STRONG = (
    r"(?:pay\s?pal|venmo|zelle|cash\s?app|revolut|payoneer|skrill|neteller|western\s+union|money\s?gram|"
    r"transferwise|crypto(?:currency)?|bitcoin|btc|usdt|usdc|tether|ethereum|binance(?:\s+pay)?|trc-?20|erc-?20|"
    r"wire\s+transfer|bank\s+transfer|(?:[a-z]+\s+)?gift\s*cards?|money\s+order|alipay|paytm|interac|e-?transfer|"
    r"monero|xmr|dogecoin|solana|(?:amazon|steam|itunes|apple|google\s+play)\s+(?:vouchers?|credit)|"
    # eleventh pass: stablecoins and their chains, remittance services, national wallets and instant-payment apps
    r"stablecoins?|tron|trx|busd|pyusd|xrp|ripple|litecoin|bnb|remitly|world\s?remit|xoom|ria\s+money\s+transfer|"
    r"paysera|airtm|perfect\s+money|webmoney|qiwi|wechat\s+pay|g-?pay|gcash|bkash|easypaisa|jazzcash|phonepe|"
    r"bizum|vipps|mobilepay|twint|blik|lydia|satispay|payid|chime|apple\s+cash|upi\s+(?:id|handle|number))"
)
# Ambiguous words that mean a payment channel only right after "pay via/by/in/to ...".
_PAY_SERVICES_WEAK = (
    r"(?:wise|cash|checks?|cheques?|wire|bank(?:\s+account)?|(?:personal|private)\s+account|swift|sepa|iban|"
    r"stripe|apple\s+pay|google\s+pay|upi|eth|ltc|litecoin|crypto\s+wallet|m-?pesa)"
)
_PAY_VERB = (
    r"(?:pay|pays|paying|paid|payments?|send|sends|sending|sent|transfer|transfers|transferring|transferred|"
    r"wire|wired|receive|receiving|compensat\w*|settle|invoice|reimburs\w*|get\s+paid)"
)
_PAY_FILLER = (
    r"(?:you|me|us|it|this|that|the|my|your|our|a|an|money|amount|balance|rest|remainder|remaining|deposit|"
    r"advance|fee|fees|payment|payments|invoice|funds|salary|full|first|second|half|upfront|directly|direct|"
    r"instead|only|now|today|tonight|tomorrow|later|will|be|is|are|can|could|would|made|sent|done|processed|"
    r"handled|transferred|wired|paid|weekly|monthly|all|everything|installment|milestone|each|every|bonus|"
    r"\$?\d[\d,.]*%?|usd|eur|dollars|in\s+(?:euros?|dollars|pounds|rupees|usd|eur|gbp|(?:us|canadian|aussie)\s+dollars))"
)
# A payment service used as a modifier ("the Venmo logo", "PayPal API", "Venmo-style") is not a payment channel.
_NOT_A_PAYMENT = (
    r"(?![\w-]|\s+(?:logos?|icons?|brand\w*|buttons?|badges?|apis?|sdks?|integrations?|plugins?|clones?|forms?|"
    r"fields?|pages?|flows?|modules?|screens?|widgets?|components?|features?|"
    # sixteenth pass: a bookkeeping line ("PayPal fees, Stripe fees, bank charges"), not a way to be paid
    r"fees|charges|statements?|exports?|reports?|reconciliation|"
    # seventeenth pass: the subject of a piece of writing ("a 500 word sample on crypto regulation, not paid")
    r"regulations?|laws?|news|markets?|trading|industry|niche|articles?|blogs?|newsletters?|courses?|explainers?)\b)"
)
_PAY_PREP = r"(?:via|through|thru|by|with|over|on|using|in|into|to|as)"

_PAY_VIA = re.compile(
    rf"\b{_PAY_VERB}(?:\s+{_PAY_FILLER}){{0,6}}\s+{_PAY_PREP}\s+(?:(?:my|your|our|a|an|the)\s+)?"
    rf"(?:{_PAY_SERVICES_STRONG}|{_PAY_SERVICES_WEAK}){_NOT_A_PAYMENT}(?:\s+(?:directly|instead|only|privately))?",
    _F,
)
_SERVICE_AS_VERB = re.compile(
    r"\b(?:pay\s?pal|venmo|zelle|cash\s?app|wire|revolut|gcash|m-?pesa|interac)\s+(?:you|me|us|him|her|them|it|the\s+(?:money|funds|"
    r"deposit|advance|rest|balance|full\s+amount|amount)|\$?\d)"
    # "wire me a message on Threema": to send a message, not money
    r"(?!\s+an?\s+(?:message|msg|line|note|text|dm|quick\s+(?:message|note|line))\b)",
    _F,
)
# Fourteenth pass: a payment service said to suit the writer ("mpesa works for me", "PayPal is easier for us").
_SERVICE_SUITS = re.compile(
    rf"\b(?:{_PAY_SERVICES_STRONG}|m-?pesa|wise){_NOT_A_PAYMENT}\s+(?:works|would\s+work|is\s+(?:fine|ok|okay|"
    r"easier|better|best|simpler|faster|cheaper))\s+(?:for\s+(?:me|us)|better|best)\b"
    # sixteenth pass: two services offered as one choice ("zelle or venmo works, whatever u have")
    rf"|\b{_PAY_SERVICES_STRONG}{_NOT_A_PAYMENT}\s*(?:or|/)\s*(?:{_PAY_SERVICES_STRONG}|m-?pesa|wise){_NOT_A_PAYMENT}\s*,?\s+"
    r"(?:works|work|would\s+work|is\s+(?:fine|ok|okay|good)|are\s+(?:fine|ok|okay|good)|both\s+work|either\s+works|"
    r"whatever|whichever)\b"
    # a UPI payment asked for in Hinglish ("UPI pe bhej dijiye", "gpay kar do") or the UPI told ("my UPI is ...")
    r"|\b(?:upi|g-?pay|google\s+pay|phonepe|paytm)\s+(?:pe|par|se|mein?|me|karo|kar\s+(?:do|dijiye|dena))\b"
    r"(?:\s+(?:bhej|transfer|pay|kar|de)\w*)?"
    r"|\bmy\s+upi(?:\s+id)?\s+(?:is|:)"
    # eighteenth pass: Brazil's instant payments named in Portuguese ("me paga por Pix", "manda no pix")
    r"|\b(?:por|via|pelo|no|pix\s+pra)\s+pix\b|\bchave\s+pix\b",
    _F,
)
_PAY_WORD = re.compile(
    r"\b(?:pay|pays|paying|paid|payments?|money|receive|installments?|deposit|advance|salary|fees?|invoice|"
    r"send|transfer|settle|reimburse\w*|compensat\w*|upfront|up-front|checkout|charges?|remaining|"
    r"remainder|milestones?|balance)\b",
    _F,
)
_SERVICE_MENTION = re.compile(rf"\b{_PAY_SERVICES_STRONG}{_NOT_A_PAYMENT}", _F)


def _accept_service_mention(text: str, m: re.Match[str]) -> bool:
    """A strong payment service within a few words of a payment word ("Payment is done via Skrill")."""
    scan = _scan(text)
    return scan.window_has(_PAY_WORD, m.start() - 40, m.start()) or scan.window_has(_PAY_WORD, m.end(), m.end() + 40)


# Fifteenth pass: three shapes of paying off the platform with no pay verb before the rail: bank particulars followed
# by a transfer "there" ("IBAN coming, just transfer the 400 there"), two coins or a coin and its chain offered
# ("eth or usdc on polygon, your choice", "usdt trc20 works"), and a service proposed for some of the money ("can we
# do venmo for the tip", "could we use zelle for the rest").
_COINS = (
    r"(?:btc|bitcoin|eth|ether|ethereum|usdt|usdc|tether|sol|solana|bnb|ltc|litecoin|xrp|dai|busd|trx|matic|pol|"
    r"doge|dogecoin|monero|xmr)"
)
_CHAINS = r"(?:polygon|tron|trc-?20|erc-?20|bep-?20|bsc|solana|arbitrum|optimism|base\s+chain|lightning|ton)"
_PAY_RAIL_OFFERED = re.compile(
    r"\b(?:iban|bank\s+(?:details|account|info)|account\s+(?:details|number)|swift(?:\s+code)?|sort\s+code|"
    r"routing\s+number)\b[^.!?\n]{0,40}?\b(?:transfer|wire|send|pay|deposit)\b(?:\s+(?:me|us|it|the|money|amount|rest|"
    r"balance|funds|\$?\d[\d,.]*[k€$£]?|usd|eur|dollars|euros)){0,3}\s+(?:there|to\s+it|into\s+it)\b"
    rf"|\b{_COINS}\s*(?:or|/)\s*{_COINS}\b(?:\s+(?:on|via|over)\s+{_CHAINS}\b|[^.!?\n]{{0,20}}?\b(?:your\s+(?:choice|call|"
    r"pick)|whichever|either|works|is\s+fine|ok)\b)"
    rf"|\b{_COINS}\s+(?:on|via|over)\s+(?:the\s+)?{_CHAINS}(?:\s+(?:network|chain))?\b"
    rf"|\b(?:can|could|shall|should)\s+(?:we|i)\s+(?:just\s+)?(?:do|use|go\s+with|try|send\s+it\s+(?:by|via|through))\s+"
    rf"(?:{_PAY_SERVICES_STRONG}|m-?pesa|wise){_NOT_A_PAYMENT}(?:\s+(?:for|instead|on\s+the\s+side)\b)"
    # seventeenth pass: a coin with its chain in brackets ("USDT (TRC20) only"); a service asked of the reader ("Can
    # you do Zelle?", "do u take cashapp?"); a service the writer accepts ("I accept USDT only for this gig")
    rf"|\b{_COINS}\s*\(\s*{_CHAINS}\s*\)"
    rf"|\b(?:can|could|would|do|will)\s+(?:you|u|ya)\s+(?:do|take|accept|use|receive)\s+(?:payments?\s+(?:by|via|through|in)\s+)?"
    rf"{_PAY_SERVICES_STRONG}{_NOT_A_PAYMENT}(?:\s*\?|\s+(?:instead|then|rather|for\s+(?:this|it|the\s+(?:rest|balance|job|gig|"
    r"project|payment|deposit|tip))|or)\b)"
    rf"|\b(?:i|we)\s+(?:only\s+)?(?:accept|take)\s+(?:payments?\s+(?:by|via|through|in)\s+)?(?:only\s+)?{_PAY_SERVICES_STRONG}"
    rf"{_NOT_A_PAYMENT}(?=\s*(?:\([^)\n]{{0,15}}\)\s*)?(?:only|,|\.|!|$|for\s+(?:this|the|my|your)|as\s+payment))",
    _F,
)
_PAY_DIRECTLY = re.compile(
    r"\b(?:pay|paid|paying|payments?|settle|deal)\b(?:\s+(?:you|me|us|them|it|the\s+\w+|\w+)){0,2}\s+"
    r"(?:directly|direct|privately|personally|on\s+the\s+side|between\s+us|outside)\b"
    rf"|\bdirect\s+(?:payments?|transfers?|deposits?){_NOT_A_PAYMENT}|\bpayments?\s+off[-\s]?(?:platform|site)\b",
    _F,
)
_OUTSIDE_PLATFORM = re.compile(
    r"\b(?:outside|off)(?:\s+of)?\s+(?:the\s+|this\s+|our\s+)?(?:platform|site|website|marketplace|upwork|"
    r"fiverr|escrow)\b|\boff[-\s](?:platform|site)\b|\boutside\s+of\s+it\b",
    _F,
)
# What is done "outside the site" tells paying from talking: a payment word, a payment service or an amount
# ("half by Skrill now, half later, all outside the site") makes it a payment.
_PAYMENT_CONTEXT = re.compile(
    r"\b(?:pay|pays|paying|paid|payments?|payouts?|money|fees?|invoice\w*|settle|transactions?|deposit|charge|royalt\w*|"
    rf"commission|escrow|cut|wired?|wallet|cash|upfront|bill|billed|billing|{_PAY_SERVICES_STRONG[3:-1]})\b|%|"
    r"[$\u00a3\u20ac]\s?\d",
    _F,
)


def _payment_or_contact(text: str, m: re.Match[str]) -> Category:
    if _sentence_has(_PAYMENT_CONTEXT, text, m.start(), m.end()):
        return Category.OFF_PLATFORM_PAYMENT
    return Category.OFF_PLATFORM_CONTACT


_AVOID_FEES = re.compile(
    r"\b(?:avoid|skip|save(?:\s+on)?|dodge|bypass|get\s+around|cut\s+out)\s+(?:the\s+|paying\s+|any\s+|on\s+)?"
    r"(?:platform(?:['\u2019]s)?\s+|site(?:['\u2019]s)?\s+|service\s+|marketplace\s+|upwork\s+|commission\s+)?"
    r"(?:fees?|commission|cut)\b",
    _F,
)
_BYPASS = re.compile(
    r"\b(?:bypass|circumvent|go\s+around|cut\s+out|skip|avoid)\s+(?:the\s+)?"
    r"(?:platform|site|middle\s?man|middlemen|escrow)\b"
    # fourteenth pass: "if you drop the marketplace contract", "cancel the contract here and I'll pay in ETH"
    r"|\b(?:drop|cancel|close|end|ditch|leave|skip)\s+(?:the|this|our)\s+(?:marketplace|platform|site)(?:['\u2019]s)?\s+"
    r"(?:contract|escrow|milestones?)\b"
    # eighteenth pass: "claim your payout there ... instead of waiting for the platform"
    r"|\binstead\s+of\s+(?:waiting\s+(?:for|on)|going\s+through|using)\s+(?:the\s+|this\s+)?(?:platform|site|escrow|"
    r"marketplace)\b",
    _F,
)
_CHOOSE_METHOD = re.compile(
    r"\b(?:choose|pick|select|name|tell\s+me|let\s+me\s+know)\s+(?:your|a|any)\s+(?:own\s+|preferred\s+|"
    r"favou?rite\s+)?(?:payment|pay)\s+(?:method|option|way|app|platform)s?\b"
    r"|\b(?:any|whatever|whichever)\s+payment\s+(?:method|option)s?\s+(?:you|is|works|suits)\b"
    r"|\bwhich\s+payment\s+(?:method|option|app)s?\s+(?:do|would)\s+you\b"
    r"|\bhow\s+(?:do|would)\s+you\s+(?:like|prefer|want)\s+to\s+(?:be\s+paid|receive\s+(?:the\s+)?payment)\b",
    _F,
)
_GIFT_CARDS = re.compile(
    r"\b(?:buy|purchase|get|send|pay|paid|reimburse\w*|compensat\w*|redeem)\b[^.!?\n]{0,30}?\bgift\s*cards?\b",
    _F,
)
_PAYMENT_DETAILS_REQUEST = re.compile(
    r"\b(?:send|share|give|provide|drop|text|dm|pm|tell)\s+(?:me|us)\s+(?:your|ur)\s+|"
    r"\bwhat['\u2019]?s\s+(?:your|ur)\s+|\bwhat\s+is\s+(?:your|ur)\s+|\bonce\s+you\s+send\s+(?:me\s+)?(?:your|ur)\s+",
    _F,
)
_PAYMENT_DETAILS = re.compile(
    r"(?:\w+\s+)?(?:wallet(?:\s+address)?|pay\s?pal|venmo|zelle|cash\s?app|revolut|wise|payoneer|skrill|"
    r"bank\s+(?:details|account|info)|account\s+(?:details|number)|iban|swift(?:\s+code)?|routing\s+number|"
    r"card\s+(?:details|number)|btc|usdt|crypto)\b",
    _F,
)
_PAYMENT_DETAILS_ASK = re.compile(
    rf"(?:{_PAYMENT_DETAILS_REQUEST.pattern})(?:{_PAYMENT_DETAILS.pattern})"
    # eleventh pass: particulars that only a payment needs, asked for without "me" ("send your sort code and account
    # number", "please share your UPI id", "drop your IFSC")
    r"|\b(?:send|share|give|provide|drop|text|dm|pm|post|forward)\s+(?:(?:me|us)\s+)?(?:your|ur)\s+"
    r"(?:(?:bank\s+)?sort\s+code|upi\s+(?:id|handle|number)|vpa|ifsc(?:\s+code)?|bsb(?:\s+number)?|iban|"
    r"swift(?:\s+code)?|routing\s+number|(?:crypto\s+|usdt\s+|btc\s+|bitcoin\s+|eth\s+)?wallet\s+address|"
    r"pay\s?pal(?:\s+e-?mail)?|venmo|zelle|cash\s?app|revolut|payoneer|bank\s+details|"
    # fourteenth pass: the card itself ("share your card details so I can transfer the advance")
    r"(?:credit\s+|debit\s+|bank\s+)?card\s+(?:details|number|info))\b",
    _F,
)
_OVERPAYMENT = re.compile(
    r"\b(?:send|refund|return|wire|transfer|pay)\s+(?:me\s+|us\s+)?(?:back\s+)?(?:the\s+)?"
    r"(?:difference|excess|overpayment|extra\s+(?:money|amount))\b"
    r"|\bdeposit\s+(?:the|a|my|this|it)\s*(?:check|cheque)?\b[^.!?\n]{0,30}\bsend\s+back\b"
    r"|\b(?:send|mail|give|write)\s+(?:you|me)\s+a\s+(?:check|cheque|money\s+order)\b",
    _F,
)

# Work before a contract ----------------------------------------------------------------------------------------

_START = (
    r"(?:start|starts|started|starting|begin|begins|beginning|get\s+started|get\s+going|commence|kick\s+off|"
    r"work|working|jump\s+in|dive\s+in|go\s+ahead|proceed)"
)
_CONTRACT = r"(?:contract|offer|agreement|paperwork|formalities|hire|hiring|escrow|deposit)"
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_BEFORE_CONTRACT = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,40}}?\bbefore\s+(?:(?:the|a|an|any|we|you|i|it['\u2019]?s)\s+)?(?:\w+\s+){{0,2}}?"
    rf"(?:{_CONTRACT}|sign|signing|signed|anything\s+is\s+signed|it['\u2019]?s\s+official)\b",
    _F,
)
_WITHOUT_CONTRACT = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,40}}?\bwithout\s+(?:waiting\s+for\s+)?(?:(?:a|an|the|any)\s+)?"
    rf"(?:formal\s+|signed\s+|official\s+)?{_CONTRACT}\b",
    _F,
)
# Sixteenth pass: the same in Hinglish ("start kar do, offer baad me bhejta hoon", "kaam shuru karo, contract baad
# mein"): a start now and the offer or contract "later" (baad me).
_HINGLISH_START = re.compile(
    r"\b(?:start|shuru|kaam\s+shuru)\s+kar(?:o|\s+(?:do|dijiye|dena|lo|lijiye))\b[^.!?\n]{0,40}?\b"
    r"(?:offer|contract|milestone|agreement)\s+(?:baad|later)\b",
    _F,
)
_CONTRACT_LATER = re.compile(
    rf"\b{_START}\b[^.!?\n]{{0,50}}?\b"
    + _hinted(rf"(?:formal\s+)?{_CONTRACT}")
    + r"s?\b[^.!?\n]{0,25}?\b"
    + _hinted(
        r"(?:later(?!\s+(?:today|this|tonight))|afterwards|after\s+that|comes?\s+later|can\s+wait|"
        r"(?:is|are)\s+(?:just\s+)?(?:a\s+)?formalit(?:y|ies))"
    ),
    _F,
)
_CONTRACT_NEXT_WEEK = re.compile(
    # not "I'll start once you send the contract monday": the start waits for the contract
    rf"\b{_START}\b(?:(?!\b(?:once|after|when|until|as\s+soon)\b)[^.!?\n]){{0,50}}?\b"
    + _hinted(
        r"(?:sort|make|do|create|send|sign|set\s+up|handle|figure|deal\s+with|"
        r"finali[sz]e|formali[sz]e|draw\s+up|write\s+up)"
    )
    + r"\w*\s+(?:out\s+)?(?:(?:the|a|an)\s+)?(?:formal\s+)?"
    rf"{_CONTRACT}s?\b[^.!?\n]{{0,15}}?\b"
    + _hinted(
        r"(?:tomorrow|next\s+(?:week|month)|in\s+a\s+(?:few|couple\s+of)\s+days|eventually|at\s+some\s+point|"
        # seventeenth pass: "I'll sort the offer end of week"
        rf"end\s+of\s+(?:the\s+)?(?:week|month)|later\s+this\s+week|this\s+weekend|(?:on\s+)?{_DAYS})"
    )
    + r"\b",
    _F,
)
_CONTRACT_FOLLOWS = re.compile(
    rf"\b(?:the\s+|a\s+|an\s+)?(?:formal\s+)?{_CONTRACT}s?\s+(?:will\s+|can\s+|should\s+)?(?:come|follow|be\s+"
    r"(?:sent|created|done|ready|signed|sorted))\s+(?:later(?!\s+(?:today|this|tonight))|afterwards|eventually)\b",
    _F,
)
# Fifteenth pass: the work now and the contract after it, joined by "and you ..." or "then": "I'll work on it over the
# weekend and you send the contract monday", "we usually let freelancers start, then formalize the contract after
# the first week".
_WORK_THEN_CONTRACT = re.compile(
    r"\b(?:i|we)(?:['\u2019]ll|\s+will|\s+can|\s+could|\s+(?:am|are)\s+going\s+to)\s+(?:just\s+)?(?:start|begin|work|get\s+going|"
    r"do\s+(?:it|the|this|a|some)|crack\s+on|knock\s+(?:it|this)\s+out)\b[^.!?\n]{0,50}?\band\s+(?:you|u)\s+(?:can\s+|could\s+)?"
    r"(?:send|make|create|do|set\s+up|sign|sort|issue|open)\s+(?:me\s+)?(?:the\s+|an?\s+|your\s+)?(?:formal\s+|official\s+)?"
    rf"(?:contract|offer|paperwork|agreement)s?\s+(?:\w+\s+)?(?:later|afterwards|after|tomorrow|next\s+(?:week|month)|"
    rf"(?:on\s+)?{_DAYS}|when|whenever|once)\b"
    rf"|\b(?:let|have|get)\s+(?:\w+\s+){{0,2}}?{_START}\b[^.!?\n]{{0,30}}?\b(?:then|and\s+then|after\s+that|afterwards)\s*,?\s+"
    r"(?:we\s+|i\s+)?(?:['\u2019]ll\s+|will\s+)?(?:formali[sz]e|sign|sort(?:\s+out)?|do|send|make|write\s+up|draw\s+up|"
    r"set\s+up|finali[sz]e|create|issue)\s+(?:the\s+|a\s+|an\s+)?(?:formal\s+|official\s+)?(?:contract|offer|"
    r"paperwork|agreement)s?\b",
    _F,
)
# Seventeenth pass: the work tonight, the offer tomorrow, said in one breath ("just do the backend fix tonight, offer
# tomorrow first thing"): found from the time word (rarer than the verbs), with a work verb in the clause before it.
_WORK_TONIGHT = re.compile(
    r"\b(?:tonight|today|right\s+now|now|asap|this\s+(?:evening|afternoon|morning|weekend))\s*[,;:\u2014\u2013\-]"
    r"\s*(?:and\s+)?(?:(?:i|we)(?:['\u2019]ll|\s+will)\s+(?:send|make|do|sort|open|create|issue)\s+)?"
    r"(?:the\s+|an?\s+|my\s+|your\s+)?(?:formal\s+|official\s+)?(?:offer|contract)s?\s+"
    r"(?:(?:will|should|can)\s+(?:come|follow|be\s+(?:sent|up|ready))\s+|comes\s+|follows\s+)?"
    rf"(?:tomorrow|later|next\s+week|first\s+thing|end\s+of|after(?:wards)?|(?:on\s+)?{_DAYS})\b",
    _F,
)
_WORK_VERB = re.compile(
    r"\b(?:do|start|begin|fix|patch|build|make|write|draft|edit|translate|design|code|record|shoot|post|upload|push|deploy|"
    r"prep|prepare|sketch|draw|film|mix|compose|outline|"
    r"clean|finish|get\s+on\s+with|knock\s+out|crack\s+on\s+with)\b",
    _F,
)


def _accept_work_tonight(text: str, m: re.Match[str]) -> bool:
    return _scan(text).window_has(_WORK_VERB, m.start() - 50, m.start())


# Eighteenth pass: the start now and the contract or milestone opened later on a condition of the writer's ("start
# whenever and I'll open a contract once I see some progress", "I'll add the milestone when my client pays me",
# "I'll open the contract retroactively for the hours"); not "I'll start once you send the contract".
_CONTRACT_ON_CONDITION = re.compile(
    rf"\b{_START}\b(?:(?!\b(?:once|after|when|until|as\s+soon)\b)[^.!?\n]){{0,50}}?\b(?:i|we)(?:['\u2019]ll|\s+will|\s+can)\s+"
    r"(?:add|open|create|set\s+up|send|make|fund|do|sort|issue)\s+(?:(?:the|a|an|your)\s+)?(?:official\s+|formal\s+|proper\s+)?"
    r"(?:contract|offer|milestone|paperwork)s?\b[^.!?\n]{0,12}?\b(?:when|once|after|as\s+soon\s+as|retroactively|if)\b"
    r"(?!\s+(?:you|u)\s+(?:accept|agree|confirm|sign)\b)",
    _F,
)
_START_NEARBY = re.compile(rf"\b{_START}\b", _F)


def _accept_contract_follows(text: str, m: re.Match[str]) -> bool:
    """ "The offer will come later" is risky when the same message asks to start."""
    return _scan(text).window_has(_START_NEARBY, m.start() - 120, m.end() + 80)


_SKIP_CONTRACT = re.compile(
    r"\b(?:no\s+need\s+(?:to\s+wait\s+)?for|don['\u2019]?t\s+(?:need\s+to\s+)?wait\s+for|skip|forget(?:\s+about)?|"
    r"don['\u2019]?t\s+worry\s+about|never\s+mind|"
    r"don['\u2019]?t\s+bother\s+(?:waiting\s+)?(?:for|with)|(?:we|you)\s+don['\u2019]?t\s+need)\s+"
    r"(?:the|a|an|any|my|our|your)\s+(?:formal\s+|official\s+)?"
    r"(?:contract|offer|agreement|paperwork|escrow|hire|hiring)\b",
    _F,
)
_HIRE_AFTER_WORK = re.compile(
    r"\b(?:do|finish|complete|deliver|build|make|design|start|first)\b[^.!?\n]{0,50}?\b"
    + _hinted(r"(?:then|after\s+that|afterwards|once\s+(?:it['\u2019]?s|that['\u2019]?s)\s+done)")
    + r"\s*,?\s+(?:i|we)"
    r"(?:['\u2019]ll|\s+will|\s+can)?\s+(?:\w+\s+)?(?:hire\s+you|send\s+(?:you\s+)?(?:the|an|a)\s+(?:offer|contract)|"
    r"(?:create|open|start|sign)\s+(?:the|a)\s+contract|make\s+(?:it|this)\s+official|"
    r"(?:make|do)\s+(?:the|a|an)\s+(?:hire|offer)\b)"
    r"|\b(?:i|we)(?:['\u2019]ll|\s+will)\s+(?:\w+\s+)?(?:hire\s+you|send\s+(?:you\s+)?(?:the|an|a)\s+(?:offer|contract)|"
    r"(?:create|open)\s+(?:the|a)\s+contract)\b[^.!?\n]{0,30}?\b" + _hinted(r"(?:once|after|when)") + r"\s+you\s+"
    r"(?:finish|complete|deliver|do|show\s+me|build|design)",
    _F,
)

# The offer, the hire or the acceptance of a proposal promised for when some work is delivered: "the offer will be
# sent once you've finished the first module", "I'll accept your proposal once you upload the first screens",
# "deliver the first screens before I accept your proposal", "before I send the offer, could you begin ...".
_DELIVERED = (
    r"(?:finish|finished|complete|completed|deliver|delivered|build|built|write|written|wrote|upload|uploaded|push|"
    r"pushed|ship|shipped|translate|translated|design|designed|code|coded|implement|implemented|done)"
)
_OFFER_AFTER_WORK = re.compile(
    r"\b(?:offer|hire|hiring|contract|proposal)s?\b[^.!?\n]{0,40}?\b"
    + _hinted(r"(?:once|after|when|as\s+soon\s+as)")
    + rf"\s+you(?:['\u2019]ve|\s+have)?\s+(?:\w+\s+)?{_DELIVERED}\b"
    r"|\b(?:i|we)(?:['\u2019]ll|\s+will|\s+can|\s+would)?\s+(?:only\s+)?(?:\w+\s+)?"
    r"(?:send|make|issue|create|accept|hire|press|click|approve)\b[^.!?\n]{0,30}?\b"
    + _hinted(r"(?:once|after|when|as\s+soon\s+as)")
    + rf"\s+(?:you(?:['\u2019]ve|\s+have)?\s+(?:\w+\s+)?{_DELIVERED}|i(?:['\u2019]ve|\s+have)?\s+(?:seen|see|got|"
    r"received?)\s+(?:the|your)\s+(?:first|finished|completed|working))\b"
    r"|\b(?:deliver|finish|complete|build|design|write|code|translate|start|begin)\w*\b[^.!?\n]{0,50}?\b"
    + _hinted(r"before")
    + r"\s+(?:i|we)\s+(?:\w+\s+)?(?:accept\s+(?:\w+\s+)?(?:proposal|bid|application|offer|you)|hire|"
    r"send\s+(?:you\s+)?(?:the|an|any|my)\s+(?:\w+\s+)?offer|make\s+(?:it|this|you)\s+official)"
    r"|\bbefore\s+(?:i|we)\s+(?:\w+\s+)?(?:send|make|accept|hire|issue|create)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:offer|contract|proposal|application|bid|you)\b[^.!?\n]{0,12}?\b(?:could|can|would|please|i\s+need|"
    r"i['\u2019]d\s+like)\b[^.!?\n]{0,25}?\b"
    + _hinted(r"(?:start|begin|build|deliver|finish|work|design|write|code|translate)"),
    _F,
)
_NOT_AN_OFFER = re.compile(
    r"\b(?:end|ends|ended|close|closes|closed|paid|pay|release|released|releases|renew|renewed|cancel\w*|free|"
    r"samples?|tests?|trial|unpaid)\b",
    _F,
)


def _accept_offer_after_work(text: str, m: re.Match[str]) -> bool:
    """Not "the contract ends once you've delivered", nor "I'll send the files once you've finished the NDA"."""
    found = m.group()
    if _NOT_AN_OFFER.search(found):
        return False
    return bool(re.search(r"\b(?:offer|hire|contract|proposal|bid|application|official)\b", found, re.IGNORECASE))


# Unpaid work ---------------------------------------------------------------------------------------------------

_UNPAID_NOUNS = (
    r"(?:test|tests|trial|task|tasks|sample|samples|assignment|project|work|tryout|try-out|demo|audition|"
    r"challenge|exercise|probation|internship|labou?r|articles?|designs?|mockups?|concept|logo)"
)
_UNPAID_WORK = re.compile(
    r"\b(?:unpaid|non[-\s]?paid|no[-\s]pay|uncompensated|without\s+pay(?:ment)?)\s+(?:\w+\s+){0,2}?"
    + _UNPAID_NOUNS
    + r"\b"
    r"|(?<!-)\bfree\s+(?:(?:small|quick|short|little|mini|one[-\s]day|one[-\s]week|\d+[-\s]?(?:hour|day|week)s?)"
    r"\s+)?(?:test(?:\s+(?:task|project|assignment|job|work))?|tests|samples?|assignment|tryout|try-out|"
    r"audition|work|labou?r|task|trial\s+(?:task|work|week|day|period|project|assignment))\b",
    _F,
)
_TEST_NOT_PAID = re.compile(
    r"\b(?:test|trial|sample|assignment|task|tryout|demo)\w*\b[^.!?\n]{0,40}?"
    r"\b" + _hinted(r"(?:is|are|will\s+be|would\s+be)") + r"\s+(?:\w+\s+)?(?:unpaid|not\s+paid|uncompensated|voluntary|"
    r"free\s+of\s+charge)\b"
    r"|\b(?:test|trial|sample|assignment|task|tryout|demo)\w*\b[^.!?\n]{0,40}?"
    r"\b"
    + _hinted(r"(?:won['\u2019]?t|will\s+not|isn['\u2019]?t|is\s+not|aren['\u2019]?t|are\s+not)")
    + r"\s+(?:be\s+)?"
    r"(?:paid|compensated)\b"
    # seventeenth pass: said in an aside ("write me a 500 word sample on crypto regulation, not paid, just to test")
    r"|\b(?:test|trial|sample|assignment|task|tryout|demo)\w*\b[^.!?\n]{0,40}?[,(\u2014\u2013]\s*"
    r"(?:it['\u2019]?s\s+|this\s+is\s+)?(?:not\s+paid|unpaid|no\s+pay|no\s+charge|free\s+of\s+charge)\b(?!\s+yet)",
    _F,
)
_FOR_FREE = re.compile(
    r"\bfor\s+free\b|\bfree\s+of\s+charge\b|\bwithout\s+(?:any\s+)?(?:pay|payment|compensation)\b", _F
)
_EVALUATION = re.compile(
    r"\b(?:test|tests|sample|samples|trial|demo|prove|show\s+(?:your|us|me)|evaluate|assess|audition|"
    r"skills|before\s+(?:we|i)\s+hire|to\s+see\s+if|candidates?|applicants?)\b",
    _F,
)


def _accept_for_free(text: str, m: re.Match[str]) -> bool:
    return _sentence_has(_EVALUATION, text, m.start(), m.end())


# Fifteenth pass: a piece of the real work asked for free with a reason that shows it is a try-out or for the
# client's own use ("send me the first chapter illustration free, i need to show my investors", "create a free mock
# ad campaign strategy so we know your thinking"): the request, "free" before or after its object, and the reason in
# the sentence. Not "free google fonts", "free shipping", "feel free", "a free account": no such reason.
_MAKE_IT_FREE = re.compile(
    r"\b(?:send|make|do|create|design|draw|write|record|build|edit|give|translate|prepare|sketch|shoot|produce|draft|"
    r"mock\s+up|put\s+together|model|render|voice|mix)\s+(?:me\s+|us\s+)?(?:(?:a|an|one|two|three|some|the|your|\d+)\s+)?"
    r"(?:free\s+(?!(?:of\s+charge|shipping|delivery|fonts?|plan|tier|version|trial\s+account|account|stock|icons?|"
    r"templates?|assets|images?|photos?|license|software|time|consultation)\b)"
    # a product's free trial built as a feature ("build a free trial signup flow")
    r"(?!(?:[\w\-]+\s+){0,2}(?:flows?|funnels?|pages?|signups?|sign-ups?|landing|features?|buttons?|subscriptions?|"
    r"users|customers)\b)(?:[\w\-]+\s+){0,4}?[\w\-]+"
    # "free" after its object ends the request: punctuation or a conjunction follows ("... illustration free, i need")
    r"|(?:[\w\-]+\s+){1,5}?free(?=\s*(?:$|[,.;:!?)\u2014]|\s(?:as|and|so|first|for|if|then|please|pls|plz|before|i|we)\b)))",
    _F,
)
_TRY_OUT_REASON = re.compile(
    r"\b(?:so\s+(?:we|i)\s+(?:can\s+)?(?:know|see|judge|check|understand|get\s+a\s+(?:sense|feel|taste|idea)|decide|"
    r"compare|evaluate)|to\s+(?:show|pitch|present|convince)|(?:for|in)\s+(?:the|a|our|my)\s+(?:pitch|demo\s+day)|show\s+(?:it\s+to\s+)?(?:my|our)\s+(?:investors|boss|"
    r"partners?|client|board|team|manager)|investors|pitch\s+deck|your\s+(?:thinking|style|approach|skills|level|"
    r"quality|vibe|process|taste)|if\s+(?:we|i)\s+(?:like|love|use|approve|pick|choose)|before\s+(?:we|i)\s+"
    r"(?:hire|decide|commit|pay)|then\s+(?:we|i)\s+(?:talk|discuss|negotiate|pay|hire)|"
    # eighteenth pass: "we use it to screen tutors"
    r"screen(?:ing)?\s+(?:the\s+|our\s+|new\s+)?(?:tutors|candidates|applicants|freelancers|writers|designers|translators|"
    r"editors|developers|people))\b",
    _F,
)


def _accept_make_it_free(text: str, m: re.Match[str]) -> bool:
    return _sentence_has(_TRY_OUT_REASON, text, m.start(), m.end()) or _sentence_has(
        _EVALUATION, text, m.start(), m.end()
    )


# Eighteenth pass: a piece of work asked as a favour with no payment ("just resize the banners for all our ads, no need
# for payment on this one", "don't charge us for this one"); not "no need for payment upfront".
_NO_PAYMENT_NEEDED = re.compile(
    r"\bno\s+need\s+(?:for|of|to)\s+(?:any\s+)?(?:payment|pay|paying|charge|charging|invoice|invoicing|bill|billing)\b"
    r"(?!\s+(?:upfront|up\s+front|now|yet|until|before|in\s+advance|today|right\s+away|outside|off|here|on\s+(?:the|this)\s+"
    r"(?:platform|site)|through|via))"
    r"|\b(?:don['\u2019]?t|do\s+not)\s+(?:charge|bill|invoice)\s+(?:me|us)\s+(?:for\s+)?(?:this|that|it)(?:\s+one)?\b",
    _F,
)
_PAID_ONLY_IF = re.compile(
    r"\b(?:only|just)\s+(?:be\s+|get\s+)?(?:paid|pay(?:\s+you)?|compensated)\s+(?:if|when|once)\s+"
    r"(?:we|i|the\s+client)\s+(?:choose|chose|select|like|love|accept|approve|hire|pick|use)\b"
    r"|\b(?:paid|pay\s+you)\s+only\s+(?:if|when)\s+(?:we|i)\s+(?:choose|like|accept|approve|hire|pick|use)\b",
    _F,
)

# Thirteenth pass: shapes of paying off the platform that name no pay verb the earlier rules know.
_STORE_CARDS = (
    r"(?:steam|google\s+play|play\s+store|amazon|itunes|apple|razer\s+gold|ebay|vanilla|walmart|target|"
    r"sephora|visa|mastercard|prepaid|netflix|xbox|playstation|psn)\s+(?:gift\s*)?(?:cards?|vouchers?|codes?)"
)
_PAY_IN_KIND = re.compile(
    # store cards as the payment ("the rest comes as Amazon gift cards", "I pay in Steam cards")
    rf"\b(?:pay|pays|paying|paid|payment|rest|balance|remainder|comes?\s+as|settle|accept|take|cover)\b"
    rf"[^.!?\n]{{0,40}}?\b{_hinted(_STORE_CARDS)}\b|\b{_STORE_CARDS}\s+(?:as|for|instead)\b"
    # cash in hand ("pay cash when you come", "cash in an envelope", "cash on arrival")
    r"|\b(?:pay|pays|paying|paid|give\s+you|hand\s+you)\s+(?:you\s+)?(?:in\s+)?cash\b(?!\s*flow)"
    r"|\bcash\s+in\s+(?:an?\s+|the\s+)?envelope\b|\bcash\s+(?:on|upon)\s+(?:arrival|pick-?up|collection)\b"
    r"|\bcash\s+(?:when|once)\s+(?:you|i)\s+(?:come|arrive|get\s+here|finish|deliver)\b"
    # "do you accept USDT?", "can you take bitcoin"
    rf"|\b(?:do|would|can|could|will)\s+you\s+(?:accept|take)\s+(?:payment\s+(?:in|via|by|through)\s+)?"
    rf"{_PAY_SERVICES_STRONG}\b"
    # "payoneer direct", "zelle directly"
    r"|\b(?:pay\s?pal|venmo|zelle|cash\s?app|revolut|payoneer|skrill|wise|western\s+union|crypto|usdt|btc)"
    r"\s+direct(?:ly)?\b"
    # "I'll bank transfer you", "e-transfer you", "wire you the rest"
    r"|\b(?:bank\s+transfer|bank-transfer|e-?transfer|wire)\s+(?:you|u)\b"
    # "I'll send it to your card number"
    r"|\b(?:send|sending|transfer|transferring|pay|paying|wire|deposit|top\s+up)\s+(?:it\s+|the\s+\w+\s+|money\s+)?"
    r"(?:straight\s+|directly\s+)?(?:to|into|onto)\s+your\s+(?:bank\s+|debit\s+|credit\s+)?card(?:\s+number)?\b"
    # "send me your M-Pesa number and I'll pay you there"
    r"|\b(?:m-?pesa|mobile\s+money|momo|airtel\s+money|mtn\s+money|orange\s+money|gcash|bkash)\s+"
    r"(?:number|no\.?|account|wallet)\b[^.!?\n]{0,50}?\b(?:pay|send|transfer)",
    _F,
)
