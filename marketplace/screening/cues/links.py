"""Cues of suspicious links: an unknown address next to a request, look-alike domains, runnable files."""

from __future__ import annotations

import re

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


_RUNNABLE_FILE = re.compile(
    r"(?:\.|\b)(?:exe|scr|msi|bat|cmd|vbs|jar|hta|ps1|lnk|pif|wsf)\b(?:\s+file)?[^.!?\n]{0,50}?\b(?:double-?\s?click|"
    r"open|run|launch|execute|install(?!er)|click)\w*\b"
    r"|\b(?:double-?\s?click|open|run|launch|execute)\w*\b[^.!?\n]{0,50}?\.(?:exe|scr|msi|bat|cmd|vbs|jar|hta|ps1|lnk|"
    r"pif|wsf)\b",
    re.IGNORECASE,
)
