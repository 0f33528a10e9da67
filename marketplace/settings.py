"""One settings file, driven by the environment (see README "Configuration").

With nothing set it runs on the embedded defaults: SQLite, Celery tasks run eagerly in-process and email
goes to the console. DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL switch on the real services.
"""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional; real deployments set the environment directly

DEBUG = env.bool("DEBUG", default=True)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-only-for-DEBUG-mode-never-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DEBUG is off: set SECRET_KEY to a random string of 50 or more characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "taggit",
    "axes",
    "django_ratelimit",
    "csp",
    "marketplace.ops",
    "marketplace.accounts",
    "marketplace.activity",
    "messaging",
    "agencies",
    "jobs",
    "proposals",
    "payments",
    "contracts",
]

MIDDLEWARE = [
    "marketplace.ops.logs.RequestLogMiddleware",  # first, so its duration covers every other layer
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "marketplace.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "marketplace.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # a refused rate limit -> RATELIMIT_VIEW (429)
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "messaging.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: a new PostgreSQL connection per request cost up to half the throughput of the light
# pages (issue 14's measurements). Safe behind PgBouncer too, which multiplexes them (see README).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A persistent connection is checked before reuse, so a restarted PostgreSQL or PgBouncer costs no failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# Behind PgBouncer in transaction mode a server-side cursor may outlive its transaction's server connection.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DISABLE_SERVER_SIDE_CURSORS", default=False)
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default under concurrent writes (double submits): every transaction takes the write lock at
    # BEGIN and a waiting writer retries for up to 20 s, instead of "database is locked" halfway through one.
    # WAL lets pages read while a write is in progress.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

# With REDIS_URL (e.g. redis://10.0.0.5:6379/1, a database apart from the broker's), the cache and the sessions
# live in Redis, so any number of gunicorn hosts behind a load balancer share them. Without it: per-process memory
# cache and sessions in the database.
REDIS_URL = env.str("REDIS_URL", default="")
# "fragments": rendered HTML that every visitor sees alike (Find work's job cards, jobs.cards), apart from the
# default cache so that thousands of cards never push out rate-limit counts or sessions. Keys carry what the
# fragment shows, so nothing is ever stale; entries expire after hours of disuse.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "marketplace",
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "marketplace-fragments",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes in front of the password check: the site's and the admin's login forms alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "marketplace.accounts.backends.LoginBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes, attempts in the database so every web host sees them): after LOGIN_FAILURE_LIMIT
# wrong passwords for one username from one address, that pair is refused for LOGIN_COOLOFF_MINUTES (each further
# try restarts the wait), with the same page whether or not the username exists; a right password clears the count.
# The address is REMOTE_ADDR: behind a proxy that does not pass the client's, the lock is per username.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.views.locked_out"
AXES_VERBOSE = False

# Rate limits on posting (django-ratelimit; counts in the default cache, so shared by every web host only with
# REDIS_URL; without it each process counts for itself). Refused: 429 with a page saying to wait; a room's
# "Send message" says it under the box instead.
SIGNUP_RATE_LIMIT = env.str("SIGNUP_RATE_LIMIT", default="10/h")  # sign-ups per address
PASSWORD_RESET_RATE_LIMIT = env.str("PASSWORD_RESET_RATE_LIMIT", default="5/h")  # per address and per email
MESSAGE_RATE_LIMIT = env.str("MESSAGE_RATE_LIMIT", default="30/m")  # messages per person
RATELIMIT_VIEW = "marketplace.views.rate_limited"

# Content-Security-Policy (django-csp): scripts, styles, images and requests from this site only; no inline script
# or style (htmx's own indicator styles are off in base.html), no plugins, no framing, forms post here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): the browser features this site never uses, off for it and any
# frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# The per-process memory cache is what the embedded default has; Django's own Redis cache counts atomically
# though django-ratelimit's list of supported backends predates it.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if REDIS_URL else ["django_ratelimit.E003"])

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: EMAIL_URL such as smtp://user:pass@mail.example.com:587 (or smtp+tls://...) sends for real;
# without it mail goes to the console so `make run` works anywhere.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Marketplace <no-reply@marketplace.local>")
# Where a suspended person writes to appeal (named in the suspension email and on the login page).
APPEALS_EMAIL = env.str("APPEALS_EMAIL", default="moderators@marketplace.local")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Celery: with CELERY_BROKER_URL (Redis) tasks go to real workers; without it they run eagerly in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must fail fast when Redis is down so the user's request is never held up.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Two queues, so a flood of email never delays housekeeping (sweeps, expiry, billing) and the other way round.
# Every worker command here (`make up`, the CI smoke, the integration tests) consumes both: `-Q email,housekeeping`.
CELERY_EMAIL_QUEUE = "email"
CELERY_HOUSEKEEPING_QUEUE = "housekeeping"
CELERY_TASK_QUEUES = [Queue(CELERY_EMAIL_QUEUE), Queue(CELERY_HOUSEKEEPING_QUEUE)]
CELERY_TASK_DEFAULT_QUEUE = CELERY_HOUSEKEEPING_QUEUE
MAIL_TASKS = ["messaging.deliver_notification_email", "messaging.deliver_message_digest"]
CELERY_TASK_ROUTES = {name: {"queue": CELERY_EMAIL_QUEUE} for name in MAIL_TASKS}
# Every task has a soft limit (SoftTimeLimitExceeded is raised inside it) and a hard one (the process is killed).
# A mail task's hard limit stays far below NOTIFICATION_CLAIM_TIMEOUT, so a claim is never taken over while its
# task may still be sending.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
EMAIL_TASK_SOFT_TIME_LIMIT = env.int("EMAIL_TASK_SOFT_TIME_LIMIT", default=45)
EMAIL_TASK_TIME_LIMIT = env.int("EMAIL_TASK_TIME_LIMIT", default=60)
# Mail tasks are acknowledged only once they finished, and a worker reserves one message at a time, so a worker
# that dies leaves at most one email to the broker's redelivery or the sweep (the claim stops a double send).
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ANNOTATIONS = {
    name: {"soft_time_limit": EMAIL_TASK_SOFT_TIME_LIMIT, "time_limit": EMAIL_TASK_TIME_LIMIT, "acks_late": True}
    for name in MAIL_TASKS
}
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "beat-heartbeat": {"task": "ops.beat_heartbeat", "schedule": timedelta(minutes=1)},
    "sweep-pending-notifications": {
        "task": "messaging.sweep_pending_notifications",
        "schedule": timedelta(minutes=1),
    },
    "send-message-digests": {
        "task": "messaging.send_message_digests",
        "schedule": timedelta(minutes=1),
    },
    "expire-applications": {
        "task": "proposals.expire_applications",
        "schedule": crontab(minute="*/15"),
    },
    "close-and-bill-weeks": {
        "task": "contracts.close_and_bill_weeks",
        "schedule": crontab(minute="5,35"),
    },
    "release-due-milestones": {
        "task": "contracts.release_due_milestones",
        "schedule": crontab(minute="*/30"),
    },
}

# /healthz answers 503 when the oldest email still waiting to be sent (past a digest's quiet period) or the last
# beat heartbeat is older than these, so a monitor notices a dead worker, a dead beat or a mail server refusing.
HEALTH_MAX_PENDING_EMAIL_AGE = timedelta(seconds=env.int("HEALTH_MAX_PENDING_EMAIL_AGE_SECONDS", default=900))
HEALTH_MAX_BEAT_AGE = timedelta(seconds=env.int("HEALTH_MAX_BEAT_AGE_SECONDS", default=300))

# Product settings (brief section 3). Windows in days; money is Decimal.
OFFER_EXPIRY_DAYS = env.int("OFFER_EXPIRY_DAYS", default=7)
INVITATION_EXPIRY_DAYS = env.int("INVITATION_EXPIRY_DAYS", default=14)
SERVICE_FEE_RATE = Decimal(env.str("SERVICE_FEE_RATE", default="0.10"))
# "allow" (the long-standing rule), "warn" or "block": contact details in rooms before a contract.
CONTACT_DETAILS_BEFORE_CONTRACT = env.str("CONTACT_DETAILS_BEFORE_CONTRACT", default="allow")
# Quiet period before one digest email is sent per room for unread messages.
MESSAGE_DIGEST_DELAY = timedelta(seconds=env.int("MESSAGE_DIGEST_DELAY_SECONDS", default=300))
# Outbox sweep: pending rows older than this are re-enqueued; a claim older than the timeout is taken back.
NOTIFICATION_SWEEP_AFTER = timedelta(seconds=env.int("NOTIFICATION_SWEEP_AFTER_SECONDS", default=120))
NOTIFICATION_CLAIM_TIMEOUT = timedelta(seconds=env.int("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", default=600))
# Email retries after a temporary failure (refused connection, timeout, any 4xx): waits double from the first
# delay up to the cap, and keep going for EMAIL_RETRY_FOR after the first failure; then the row is `failed`.
EMAIL_RETRY_FIRST_DELAY = timedelta(seconds=env.float("EMAIL_RETRY_FIRST_DELAY_SECONDS", default=15))
EMAIL_RETRY_MAX_DELAY = timedelta(seconds=env.float("EMAIL_RETRY_MAX_DELAY_SECONDS", default=300))
EMAIL_RETRY_FOR = timedelta(seconds=env.float("EMAIL_RETRY_FOR_SECONDS", default=24 * 3600))
# Enqueueing an email after commit gives up on the broker after this many seconds (the row stays pending for
# the sweep), then skips the broker for EMAIL_ENQUEUE_PAUSE so a request with many emails waits only once.
EMAIL_ENQUEUE_TIMEOUT = env.float("EMAIL_ENQUEUE_TIMEOUT_SECONDS", default=1.0)
EMAIL_ENQUEUE_PAUSE = timedelta(seconds=env.float("EMAIL_ENQUEUE_PAUSE_SECONDS", default=10))
FLAG_RATE_LIMIT_PER_HOUR = env.int("FLAG_RATE_LIMIT_PER_HOUR", default=10)
# A new account's messages from the room form, against spam: at most this many an hour in its first days.
NEW_ACCOUNT_MESSAGES_PER_HOUR = env.int("NEW_ACCOUNT_MESSAGES_PER_HOUR", default=20)
NEW_ACCOUNT_DAYS = env.int("NEW_ACCOUNT_DAYS", default=2)
# The hiring layer's screening of room messages, called by `messaging.services.post_message` (a hook, so
# messaging never imports the layer above it; see `messaging/screening.py`).
MESSAGE_SCREENING = "proposals.moderation.screen_room_message"
# The hiring layer's pages for a job, linked from the jobs layer's pages (see `jobs/links.py`).
JOB_HIRING_LINKS = "proposals.links.job_links"
# The jobs layer's actions on a client's profile page (flagging), handed down to accounts the same way.
CLIENT_PROFILE_LINKS = "jobs.links.client_profile_links"
# The pages of an agency's contracts and balance, linked from the agency's page (see `agencies/links.py`).
AGENCY_LINKS = "contracts.links.agency_links"
# "Report message" under each room message comes from the jobs layer (messaging names no higher URL).
MESSAGE_LINKS = "jobs.links.message_links"
# What the layers above do, in the same transaction, when an agency member leaves or is removed and when a
# moderator suspends an agency (see `agencies/hooks.py`).
AGENCY_MEMBERSHIP_ENDED = [
    "proposals.hooks.leave_agency_rooms",
    "contracts.hooks.drop_agency_assignments",
]
AGENCY_SUSPENDED = ["proposals.hooks.close_agency_applications"]
# A moderator's suspension of a job closes its applications through the hiring layer, and the moderators' room
# page lists the applications a room is about (see `jobs/hooks.py`).
JOB_CLOSING = "proposals.services.close_job"
# A suspended person's open applications close and their active contracts pause; the other side is told each
# time (see `jobs/hooks.py`).
USER_SUSPENDED = [
    "proposals.hooks.close_suspended_persons_applications",
    "contracts.hooks.pause_suspended_persons_contracts",
]
# A moderator's reinstatement of a suspended person resumes the contracts the suspension paused.
USER_REINSTATED = ["contracts.hooks.resume_reinstated_persons_contracts"]
ROOM_SUBJECTS = "proposals.links.room_applications"
# The moderators' columns and actions on client profiles, which accounts' admin builds its class on.
CLIENT_PROFILE_ADMIN_MIXINS = ["jobs.moderation_admin.ClientModerationMixin"]


def _user_url(user) -> str:
    """A person's public page: the hiring layer's freelancer profile, or accounts' client profile."""
    from django.urls import reverse

    if user.is_freelancer:
        return reverse("hiring:freelancer_profile", args=[user.username])
    return reverse("accounts:client_profile", args=[user.username])


# Django's public hook for "this model's URL is decided by the project" (accounts is below the hiring layer).
ABSOLUTE_URL_OVERRIDES = {"accounts.user": _user_url}
# Whether live screening (job posts, room messages) combines the rules with the classifier (`jobs/screening.py`);
# off: the rules alone. On since the sixth held-out file: more precise than the rules alone and finds far more.
SCREENING_CLASSIFIER = env.bool("SCREENING_CLASSIFIER", default=True)
# Combined score (0-1, rules + classifier) a category needs before screening raises it; the defaults are
# `marketplace.screening.model.DEFAULT_THRESHOLDS`, chosen by leave-one-held-out-file-out and cross-validation
# (README "Screening").
SCREENING_THRESHOLDS = {
    category: env.float(f"SCREENING_THRESHOLD_{category.upper()}", default=default)
    for category, default in {
        "contact_details": 0.4,
        "off_platform_payment": 0.35,
        "work_before_contract": 0.7,
        "unpaid_work": 0.6,
        "suspicious_link": 0.4,
        "off_platform_contact": 0.6,
    }.items()
}
# Contracts after the hire (brief section 8): the payment gateway class, and how long a submitted milestone
# waits for the client before it is released.
PAYMENT_GATEWAY = env.str("PAYMENT_GATEWAY", default="payments.gateway.SandboxGateway")
MILESTONE_AUTO_RELEASE_DAYS = env.int("MILESTONE_AUTO_RELEASE_DAYS", default=14)
# Feedback is shown once both sides left it, or this many days after the contract ended.
FEEDBACK_REVEAL_DAYS = env.int("FEEDBACK_REVEAL_DAYS", default=14)

# Production hardening; `manage.py check --deploy` passes with DEBUG off.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Logs: one line per request (marketplace.request) and per task (marketplace.task), JSON in production (one object
# a line with request_id, user_id, path, status, duration_ms / task_name, retries, ...), text in development.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marketplace.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
# In JSON mode the worker keeps these handlers instead of installing Celery's text format on the root logger.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"

# Errors (requests and tasks) go to Sentry when SENTRY_DSN is set; no personal data is sent.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
