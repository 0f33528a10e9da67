"""Suspicious links and files: shorteners, file hosts, programs, phishing and look-alike sites."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .contact import _TLDS
from .scan import _F, _scan, _sentence_has

# The top-level domains a site in a message may end with: a mail domain's and the cheap ones phishing pages use.
_SITE_TLDS = rf"(?:{_TLDS}|top|click|link|live|icu|buzz|shop|store|club|vip|win|support|help|today|cc|ws|pw)"

_SHORTENED_LINK = re.compile(
    r"(?<![\w.@])(?:https?://)?(?:bit\.ly|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|buff\.ly|cutt\.ly|rb\.gy|"
    r"shorturl\.at|tiny\.cc|rebrand\.ly|s\.id|v\.gd|shorte\.st|adf\.ly|bl\.ink|t\.ly|qr\.ae|lnkd\.in|"
    r"bit\.do|bitly\.com|j\.mp|tiny\.one|tinyurl\.is|cutt\.us|u\.to|clck\.ru|x\.co|soo\.gd|po\.st|tr\.im|su\.pr|"
    r"snip\.ly|snipurl\.com|mcaf\.ee|dlvr\.it|ift\.tt|gg\.gg|t2m\.io|shrtco\.de|surl\.li|kutt\.it|tny\.im|u\.nu|"
    r"v\.ht|2\.gp|cli\.gs|short\.gy|shorturl\.gg|tinu\.be|qrco\.de|urlz\.fr|ulvis\.net|shorter\.me|bc\.vc|"
    r"ouo\.io|zpr\.io|hyperurl\.co|trib\.al|hubs\.l[ay]|s\.coop|1url\.com|go2l\.ink|l\.ead\.me|rotf\.lol|"
    r"n9\.cl|bitly\.ws|shorturl\.asia|zws\.im|reurl\.cc|0rz\.tw|url\.ie|chilp\.it|"
    # thirteenth pass: more public shorteners
    r"goo\.su|vk\.cc|qps\.ru|shor\.by|urlr\.me|dub\.sh|short\.io|tiny\.pl|2no\.co|xurl\.es|y\.gy|did\.li|"
    r"shorturl\.com|tinyurl\.ru|cutt\.ly|l\.linklyhq\.com|lnk\.bio|shrtm\.nu|tiny\.ie|shrinke\.me|"
    r"shrink\.pe|exe\.io|fc\.lc|ouo\.press|link\.tl|smarturl\.it|trimurl\.co|bom\.so|han\.gl|me2\.do|"
    r"url\.kr|dwz\.cn|t\.cn|suo\.im|u\.nu)"
    r"/[\w\-+/?=&#%.~]*[\w\-+/=&#%~]",
    _F,
)
_FILE_HOST_LINK = re.compile(
    r"(?<![\w.@])(?:https?://)?(?:www\.)?(?:drive\.google\.com|docs\.google\.com|dropbox\.com|"
    r"dl\.dropboxusercontent\.com|mega\.nz|mega\.co\.nz|mediafire\.com|wetransfer\.com|we\.tl|"
    r"onedrive\.live\.com|1drv\.ms|sendspace\.com|anonfiles\.com|gofile\.io|files\.fm|file\.io|transfer\.sh|"
    r"4shared\.com|zippyshare\.com|pixeldrain\.com)/[\w\-+/?=&#%.~]*[\w\-+/=&#%~]",
    _F,
)
_DOWNLOAD_VERB = re.compile(
    r"\b(?:download|downloading|install|installing|run|open|launch|execute|extract|unzip|unpack|grab|get)\b", _F
)
_RISKY_EXTENSIONS = r"(?:exe|scr|msi|bat|cmd|vbs|vbe|ps1|jar|apk|dmg|pkg|iso|lnk|hta|wsf|pif|cpl)"
_RISKY_FILE = re.compile(rf"(?<![\w.\-])[\w\-]+(?:\.[\w\-]+){{0,4}}\.{_RISKY_EXTENSIONS}\b", _F)
_REMOTE_OR_INSTALL = re.compile(
    r"\b(?:install|download|run)\s+(?:anydesk|teamviewer|rustdesk|ultraviewer|ammyy)\b"
    r"|\b(?:install|download|run)\s+(?:our|this|the|my)\s+(?:\w+\s+){0,2}?(?:app|application|software|program|"
    r"client|tool|extension|plugin|tracker|agent|viewer|launcher)\b[^.!?\n]{0,40}?"
    r"\b(?:to\s+(?:access|see|view|get|start|receive|open|join|read|unlock)|(?:from|via|using)\s+(?:this|the|my|"
    r"our)\s+(?:\w+\s+){0,2}?link)\b",
    _F,
)

_ENABLE_MACROS = re.compile(
    r"\benable\s+(?:the\s+)?(?:macros?|content|editing\s+and\s+content)\b"
    # fifteenth pass: "macros must be on or it breaks", "turn on macros", "allow the macros"
    r"|\bmacros?\s+(?:must|need\s+to|needs\s+to|have\s+to|has\s+to|should)\s+be\s+(?:on|enabled|turned\s+on|switched\s+on|"
    r"allowed|active|activated)(?=\s*(?:$|[,.;:!?)\u2014\-]|\s(?:or|and|otherwise|else|so|for|to|when|before)\b))"
    r"|\b(?:turn|switch)\s+on\s+(?:the\s+)?macros?\b|\ballow\s+(?:the\s+)?macros?\b",
    _F,
)
_DOCUMENT_WORD = re.compile(
    r"\b(?:docm|xlsm|docx?|xlsx?|file|document|attachment|spreadsheet|workbook|archive|zip)\b", _F
)


def _accept_enable_macros(text: str, m: re.Match[str]) -> bool:
    """ "enable macros" said of a file to download or open, not of a macro to write."""
    return _sentence_has(_DOWNLOAD_VERB, text, m.start(), m.end()) or _sentence_has(
        _DOCUMENT_WORD, text, m.start(), m.end()
    )


# Credentials, bank or card details or an identity asked for on another site ("sign in at upw0rk-verify.net",
# "confirm your bank details at pay-release-form.info"): a login verb, then within the clause a domain. Kept when the
# clause asks for the reader's own credentials or details, or the domain is shaped like a phishing page's. Since the
# eighth pass also restoring or recovering access there ("restore access at support-desk-help.com").
_CREDENTIALS_ELSEWHERE = re.compile(
    r"\b(?:log\s*in|log\s+into|sign\s*in|sign\s+into|verify|confirm|validate|authenticate|re-?enter|enter|type|"
    r"submit|update|claim|unlock|connect|restore|recover|regain|reactivate|re-activate|reinstate|reset)\b"
    r"[^.!?\n]{0,50}?(?:\b(?:at|on|to|into|via|through|using|here)\s*:?\s*"
    r"(?:(?:our|my|the|this)\s+(?:\w+\s+){0,2}?)?|:\s*)"
    r"(?:https?://)?(?:www\.)?(?P<site>[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9][a-z0-9\-]*){0,3}\."
    rf"{_SITE_TLDS})\b(?!\.\w)",
    _F,
)
_PHISHING_WORDS = (
    "verif", "secure", "login", "signin", "sign-in", "auth", "account", "payout", "claim", "bonus", "reward", "wallet",
    "billing", "confirm", "unlock", "support", "escrow", "release", "kyc", "portal", "upw0rk", "upvvork", "recover",
    "restore", "appeal", "reinstate",
)  # fmt: skip
_PHISHING_DOMAIN = re.compile("|".join(_PHISHING_WORDS), _F)
_OWN_DETAILS = re.compile(
    r"\byour\s+(?:\w+\s+){0,2}?(?:password|passcode|credentials|bank\w*|card|iban|identity|ssn|seed|wallet|payout|"
    r"earnings)\b|\b(?:verify|confirm|validate|authenticate|unlock|re-?activate)\s+your\s+(?:account|profile|"
    r"e-?mail)\b",
    _F,
)
_LEGIT_SITES = re.compile(
    r"(?:^|\.)(?:github|gitlab|bitbucket|google|figma|notion|trello|atlassian|microsoft|apple|stripe|paypal)\.", _F
)


# Eleventh pass: a site whose name is a well-known one's or the marketplace's with look-alike letters or digits
# ("rnarketplace.com", "upvvork", "paypa1", "g00gle-docs-share.com") is risky with any log-in or request.
_LOOKALIKE_SWAPS = str.maketrans({
    "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t",
    # eighteenth pass: Cyrillic letters that look Latin ("freelancer-jobs.co" spelled with two Cyrillic "ie", U+0435)
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0445": "x", "\u0443": "y",
    "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u043a": "k", "\u0501": "d", "\u04bb": "h",
})  # fmt: skip
_LOOKALIKE_OF = (
    "marketplace", "upwork", "fiverr", "freelancer", "paypal", "google", "microsoft", "apple", "amazon", "docusign",
    "dropbox", "linkedin", "stripe", "payoneer", "outlook", "wise",
)  # fmt: skip


def _is_lookalike(site: str) -> bool:
    name = site.lower()
    plain = name.translate(_LOOKALIKE_SWAPS).replace("rn", "m").replace("vv", "w").replace("cl", "d")
    return any(brand in plain and brand not in name for brand in _LOOKALIKE_OF)


# Seventeenth pass: a look-alike of a well-known site is risky with no request at all ("link to the contract:
# docs-g00gle.com/d/8fh2k/edit"): no honest sender spells google with zeros. Found from the top-level domain back
# (`detect._lookalike_sites`), since the pattern's first character gives nothing to look for.
_SITE_TLD_WORD = re.compile(rf"\b{_SITE_TLDS}\b", _F)
_LOOKALIKE_SITE = re.compile(
    r"(?<![\w.\-@/])(?:https?://)?(?P<site>[a-z0-9\u0400-\u04ff][a-z0-9\u0400-\u04ff\-]*(?:\.[a-z0-9][a-z0-9\-]*){0,4}\."
    rf"{_SITE_TLDS})\b(?!\.\w)",
    _F,
)


def _accept_lookalike_site(text: str, m: re.Match[str]) -> bool:
    return _is_lookalike(m.group("site"))


# Seventeenth pass: a browser's or a scanner's warning to click past ("google may warn u but just click proceed
# anyway", "ignore the security warning and open it"); not a developer's own test server with a self-signed
# certificate.
_IGNORE_WARNING = re.compile(
    r"\b(?:proceed|continue|click\s+through|open\s+it|run\s+it|install\s+it|keep\s+(?:it|the\s+file)|download\s+it)"
    r"\s+anyway\b"
    r"|\b(?:ignore|dismiss|skip|click\s+past|bypass)\s+(?:the\s+|any\s+|that\s+)?(?:\w+\s+)?(?:security\s+|browser\s+|"
    r"chrome\s+|virus\s+|safety\s+|red\s+)?(?:warnings?|alerts?|pop-?ups?\s+(?:about|saying)\s+(?:it['\u2019]?s\s+)?(?:unsafe|"
    r"dangerous))\b",
    _F,
)
_WARNING_WORD = re.compile(
    r"\b(?:warn\w*|alerts?|unsafe|dangerous|not\s+secure|insecure|blocks?|blocked|flags?|flagged|red\s+screen|"
    r"smart\s?screen|deceptive|harmful|virus|malware|suspicious)\b",
    _F,
)
_OWN_TEST_SERVER = re.compile(
    r"\b(?:localhost|127\.0\.0\.1|self-?signed|staging|dev\s+server|test\s+server|certificate|cert)\b", _F
)


def _accept_ignore_warning(text: str, m: re.Match[str]) -> bool:
    return _sentence_has(_WARNING_WORD, text, m.start(), m.end()) and not _sentence_has(
        _OWN_TEST_SERVER, text, m.start(), m.end()
    )


def _accept_credentials_elsewhere(text: str, m: re.Match[str]) -> bool:
    site = m.group("site")
    if _is_lookalike(site):
        return True
    if _LEGIT_SITES.search(site):
        return False
    # "... at rev-onboard.app with your marketplace credentials": the details may follow the address.
    return bool(_PHISHING_DOMAIN.search(site) or _OWN_DETAILS.search(text, m.start(), min(len(text), m.end() + 60)))


# The same request after the address ("your payout is waiting at payout-center.info, log in there", "click
# http://freelance-bonus.click to claim your welcome payment"): the request, kept when an address not on the
# well-known list stands before it in the sentence (within 80 characters, so the look back stays bounded) and
# either the address is shaped like a phishing page's or the request names the reader's own secrets or money.
_REQUEST_AFTER_LINK = re.compile(
    r"\b(?:log\s*in|sign\s*in|verify|confirm|enter|type|submit|claim|collect|withdraw|unlock|redeem|validate|"
    r"re-?activate|receive|release)\b[^.!?\n]{0,40}?\b(?P<object>there|here|(?:your|ur)\s+(?:\w+\s+){0,2}?"
    r"(?:password|passcode|credentials|login|log-in|card|bank\w*|wallet|seed|payout|earnings|payment|funds|bonus|"
    r"reward|identity|ssn|account|details))\b",
    _F,
)
_SITE_BEFORE = re.compile(
    r"(?:https?://|(?<![\w@.\-]))(?:www\.)?(?P<site>[a-z0-9][a-z0-9\-]{0,40}(?:\.[a-z0-9][a-z0-9\-]{0,40}){0,3}\."
    rf"{_SITE_TLDS})\b(?!\.\w)",
    _F,
)
_STRONG_OBJECT = re.compile(
    r"password|passcode|credentials|card|bank|wallet|seed|payout|earnings|payment|funds|bonus|reward|identity|ssn",
    _F,
)


def _accept_request_after_link(text: str, m: re.Match[str]) -> bool:
    starts, _ = _scan(text).sentences
    sentence_start = starts[bisect_right(starts, m.start()) - 1]
    before = text[max(sentence_start, m.start() - 80) : m.start()]
    return _risky_site_in(before, bool(_STRONG_OBJECT.search(m.group("object"))))


@lru_cache(maxsize=1024)
def _risky_site_in(before: str, strong: bool) -> bool:
    """Whether `before` holds an address not on the well-known list that is risky with the request (cached: a text
    that trips the rule thousands of times repeats itself, and the answer depends on the window alone)."""
    if not strong and not any(word in before.lower() for word in _PHISHING_WORDS):
        return False
    for found in _SITE_BEFORE.finditer(before):
        site = found.group("site")
        if _is_lookalike(site) or (not _LEGIT_SITES.search(site) and (strong or _PHISHING_DOMAIN.search(site))):
            return True
    return False


# Fifteenth pass: a log-in with the reader's own marketplace credentials or an email and its password, with a site not
# on the well-known list anywhere in the sentence ("log in with your marketplace account on this page ...:
# marketplace-secure-login.example.net", "forms-submit.example.top/?ref=ab12 log in with email+password"): the
# address may be far from the verb, before or after it.
_OWN_LOGIN = re.compile(
    r"\b(?:log\s*-?\s*in|sign\s*-?\s*in)\s+(?:with|using)\s+(?:(?:your|ur)\s+(?:own\s+)?(?:(?:marketplace|freelancer|"
    r"platform|site|upwork|fiverr|profile|work)\s+)?(?:credentials|password|passcode)|(?:your|ur)\s+(?:own\s+)?"
    r"(?:marketplace|freelancer|platform|upwork|fiverr)\s+(?:account|login|log-in|details)|(?:your|ur)\s+e-?mail\s*"
    r"(?:\+|&|/|and)\s*(?:your\s+)?password|e-?mail\s*[+&/]\s*password)\b",
    _F,
)


def _accept_own_login(text: str, m: re.Match[str]) -> bool:
    starts, _ = _scan(text).sentences
    sentence_start = starts[bisect_right(starts, m.start()) - 1]
    end = text.find("\n", m.end(), m.end() + 120)
    window = text[max(sentence_start, m.start() - 120) : end if end != -1 else m.end() + 120]
    return any(not _LEGIT_SITES.search(found.group("site")) for found in _SITE_BEFORE.finditer(window))


# Thirteenth pass: a well-known site's address put in front of an unrelated domain, so that the link starts like the
# real one ("pin.it.calligraphy-refs.club", "1drv.ms.photo-share.win", "docs-google.com.share-files.ru"): the
# brand's domain, then at least one more label of three characters or more and a top-level domain (so
# "google.com.au" or "amazon.co.uk" stay out).
_BRANDS = (
    r"(?:google|gmail|dropbox|paypal|microsoft|office|office365|outlook|live|apple|icloud|amazon|1drv|onedrive|"
    r"sharepoint|pin|pinterest|wetransfer|docusign|adobe|upwork|fiverr|linkedin|facebook|instagram|netflix|"
    r"github|notion|figma|canva|zoom|slack|stripe|wise|payoneer)\.(?:com|ms|it|net|org|co|us|io|me)"
    r"\.[a-z0-9][a-z0-9\-]{2,}(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b(?![.\-]?\w)"
)
_BRAND_AS_SUBDOMAIN = re.compile(
    rf"(?<![\w.\-@])(?:https?://)?(?:[a-z0-9\-]+\.){{0,3}}?(?:[a-z0-9]+[.\-])?{_BRANDS}",
    _F,
)
_BRAND_THEN_DOMAIN = re.compile(rf"(?<![a-z0-9]){_BRANDS}", _F)  # where _BRAND_AS_SUBDOMAIN can match at all
# Thirteenth pass: a file-sharing link to a program or a macro document ("dropbox.com/s/x/setup.exe"): risky
# without a download verb in the sentence.
_MACRO_EXTENSIONS = r"(?:docm|xlsm|pptm|dotm|xlam)"


def _accept_executable_link(text: str, m: re.Match[str]) -> bool:
    return bool(re.search(rf"\.(?:{_RISKY_EXTENSIONS}|{_MACRO_EXTENSIONS})(?:$|[?#&])", m.group(), _F))


# Thirteenth pass: turning off the reader's protection so that a file runs ("disable your antivirus before you open
# it"), a malware instruction with or without a link.
_DISABLE_PROTECTION = re.compile(
    r"\b(?:turn(?:ing)?\s+off|disabl(?:e|ing)|deactivat(?:e|ing)|switch(?:ing)?\s+off|pause|uninstall|"
    r"temporarily\s+(?:turn\s+off|disable))\s+(?:your\s+|the\s+|ur\s+)?(?:\w+\s+)?(?:anti-?virus|"
    r"defender|windows\s+security|smart\s?screen|virus\s+(?:protection|scanner)|real-?time\s+protection|"
    r"security\s+software)\b",
    _F,
)


# A link to a bare IP address ("http://185.22.10.4/login"): no legitimate job needs one.
# Fourteenth pass: a script to run that the writer sent ("please run the powershell script I sent", "paste this
# command into PowerShell"), and a program named by its extension alone ("it's an .exe player") next to a download.
_RUN_SCRIPT = re.compile(
    r"\b(?:run|execute|launch|open|double[-\s]click)\s+(?:the|this|that|my|our)\s+(?:little\s+|small\s+|quick\s+)?"
    r"(?:powershell|ps1|\.ps1|vbs|vb|batch|\.bat|bat|cmd)\s+(?:script|file|command)s?\b"
    r"|\bpaste\s+(?:this|that|the)\s+(?:\w+\s+)?(?:command|line|script|code)\s+into\s+(?:powershell|cmd|"
    r"(?:the\s+)?(?:windows\s+)?(?:run\s+box|command\s+prompt|terminal))\b",
    _F,
)
# Fifteenth pass: a script to paste into the browser's console ("paste it in your browser console", "run this in
# the dev tools console"), and a browser extension installed from a file or from outside the store ("install from
# this .crx file", "add the extension, it's not in the web store").
_CONSOLE_SCRIPT = re.compile(
    r"\b(?:paste|run|execute|copy)\s+(?:(?:this|that|the)\s+(?:\w+\s+)?(?:script|code|snippet|line|command|file)|it|this|"
    r"that)\s+"
    r"(?:in|into|inside)\s+(?:your|the|ur)\s+(?:browser(?:['\u2019]s)?\s+|chrome(?:['\u2019]s)?\s+|dev\s*tools?\s+|"
    r"developer\s+tools?\s+)?(?:console|dev\s*tools|developer\s+tools)\b",
    _F,
)
_SIDELOADED_EXTENSION = re.compile(
    r"\b(?:install|add|load|download)\w*\b[^.!?\n]{0,40}?(?:\.(?:crx|xpi)\b|\b(?:extension|add-?on|plugin)\b[^.!?\n]{0,30}?"
    r"\b(?:isn['\u2019]t|is\s+not|its\s+not|it['\u2019]s\s+not|not)\s+(?:yet\s+)?(?:in|on|from)\s+(?:the\s+)?(?:chrome\s+|web\s+|"
    r"firefox\s+|official\s+|extension\s+)?(?:web\s+)?store\b)"
    r"|\.(?:crx|xpi)\b[^.!?\n]{0,40}?\b(?:install|add|load|drag)\w*\b",
    _F,
)
_BARE_EXTENSION = re.compile(
    rf"\b(?:an?|the|this|that|its|it['\u2019]s)\s+\.{_RISKY_EXTENSIONS}\b(?:\s+(?:file|player|installer|program|app|"
    r"setup|viewer|codec|launcher))?",
    _F,
)
# Eighteenth pass: a script dressed as a document ("Invoice_March.pdf.js", "scan.docx.hta"): a file name, a
# document's extension, then a script's. Not "pdf.js", the library: a name must come before the first extension.
_SCRIPT_AS_DOCUMENT = re.compile(
    r"\b(?:pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|txt|csv|rtf|zip|mp4|mov)\.(?:js|jse|wsh|wsf|vbe|hta|html?|svg)\b(?!\.\w)",
    _F,
)


def _accept_script_as_document(text: str, m: re.Match[str]) -> bool:
    return (
        m.start() >= 2 and text[m.start() - 1] == "." and (text[m.start() - 2].isalnum() or text[m.start() - 2] in "_-")
    )


_IP_LINK = re.compile(r"\bhttps?://\d{1,3}(?:\.\d{1,3}){3}\b", _F)


def _accept_download_context(text: str, m: re.Match[str]) -> bool:
    return _sentence_has(_DOWNLOAD_VERB, text, m.start(), m.end())


def _accept_risky_file(text: str, m: re.Match[str]) -> bool:
    """A program named by its file name is risky next to a download verb, or (fifteenth pass) in a message about a
    file-sharing link ("the wetransfer link includes player.exe you need")."""
    return (
        _accept_download_context(text, m)
        or _sentence_has(_FILE_HOST_WORD, text, m.start(), m.end())
        or bool(_DOUBLE_EXTENSION.search(m.group()))
    )


# Sixteenth pass: a program dressed as a document ("Invoice_Payment_Details.pdf.exe") is risky wherever it is named,
# and so is a script or a program the reader is told to run as administrator ("run scraper_test.js with node as
# admin"): the file is named in the sentence.
_DOUBLE_EXTENSION = re.compile(
    rf"\.(?:pdf|docx?|xlsx?|pptx?|txt|jpe?g|png|gif|mp[34]|zip|csv|rtf)\.{_RISKY_EXTENSIONS}$", _F
)
_RUN_AS_ADMIN = re.compile(
    r"\b(?:run|execute|launch|open|start)\b[^.!?\n]{0,40}?\b(?:as\s+(?:an?\s+)?(?:admin|administrator|root)|with\s+"
    r"(?:admin|administrator|root)\s+(?:rights|privileges|access))\b",
    _F,
)
_PROGRAM_FILE = re.compile(rf"\w\.(?:js|mjs|py|sh|{_RISKY_EXTENSIONS[3:-1]})\b", _F)
_SENTENCE_BREAK = re.compile(r"[!?\n]|\.(?:\s|$)")


def _accept_run_as_admin(text: str, m: re.Match[str]) -> bool:
    """The file named within 120 characters before or 60 after, in the same sentence (a bounded look: linear)."""
    left = max(0, m.start() - 120)
    before = text[left : m.start()]
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(before)]
    after = text[m.end() : m.end() + 60]
    stop = _SENTENCE_BREAK.search(after)
    window = before[breaks[-1] if breaks else 0 :] + " " + m.group() + " " + after[: stop.start() if stop else None]
    return bool(_PROGRAM_FILE.search(window))


_FILE_HOST_WORD = re.compile(r"\b(?:link|drive|dropbox|we\s?transfer|mega|mediafire|one\s?drive)\b", _F)


def _accept_bare_extension(text: str, m: re.Match[str]) -> bool:
    """A program named by its extension alone is risky only when it is to be fetched from a link or a file host
    ("the .exe installer" on a job's own download page is not)."""
    return _accept_download_context(text, m) and _sentence_has(_FILE_HOST_WORD, text, m.start(), m.end())
