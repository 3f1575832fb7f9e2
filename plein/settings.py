"""Plein's one settings module: every value comes from an environment variable.

Embedded mode (the default) needs nothing set: SQLite in PLEIN_DATA_DIR, a secret key generated
once into that folder, local-memory cache, the database task backend. Scale mode sets
DATABASE_URL (PostgreSQL) and REDIS_URL; the code is the same.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or env_bool("PLEIN_TESTING")

DATA_DIR = Path(env_str("PLEIN_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("PLEIN_DEBUG", False)

# The key is generated once and kept in the data folder in embedded mode. Production sets
# PLEIN_SECRET_KEY; `plein check` refuses a deployment that still relies on the generated one.
_secret_file = DATA_DIR / "secret_key"
SECRET_KEY_FROM_ENV = bool(env_str("PLEIN_SECRET_KEY"))
if SECRET_KEY_FROM_ENV:
    SECRET_KEY = env_str("PLEIN_SECRET_KEY")
else:
    if not _secret_file.exists():
        _secret_file.write_text(secrets.token_urlsafe(50))
        _secret_file.chmod(0o600)
    SECRET_KEY = _secret_file.read_text().strip()

BASE_URL = env_str("PLEIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("PLEIN_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
if not ALLOWED_HOSTS and not env_str("PLEIN_ALLOWED_HOSTS"):
    # Embedded mode on one machine: the host of the base URL is the one we serve.
    from urllib.parse import urlsplit

    ALLOWED_HOSTS = [urlsplit(BASE_URL).hostname or "127.0.0.1", "localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = [BASE_URL]

INSTALLED_APPS = [
    "plein.core",
    "plein.people",
    "plein.community",
    "plein.notifications",
    "plein.search",
    "plein.articles",
    "plein.questions",
    "plein.announcements",
    "plein.polls",
    "plein.careers",
    "plein.policy",
    "plein.privacy",
    "plein.api",
    "plein.people.apps.PleinAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django.forms",
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "plein.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plein.people.middleware.PersonLanguageMiddleware",
    "plein.policy.middleware.PolicyPromptMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "plein.people.middleware.RequireMfaForAdministratorsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plein.urls"
WSGI_APPLICATION = "plein.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plein.core.context_processors.organisation",
                "plein.people.context_processors.access",
                "plein.notifications.context_processors.bell",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------
# SQLite is tuned for many writers: WAL lets readers and one writer work side by side,
# IMMEDIATE transactions take the write lock up front (no deadlock-prone lock upgrades) and the
# busy timeout makes a writer wait its turn instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
}
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'plein.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("PLEIN_DB_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_IS_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "plein",
        }
    }
else:
    # The database cache is shared between the web and worker processes, which rate limits
    # and lockouts need; local memory would give each process its own counters.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "plein_cache",
        }
    }

# --- Tasks ------------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds without a heartbeat after which a worker counts as dead and its running tasks are
# handed to another worker.
# Workers beat every 5 seconds: anything under three beats would declare live workers dead.
# Seconds between an open page's checks for new notifications (paused while the tab is hidden).
PLEIN_NOTIFICATIONS_POLL_SECONDS = max(env_int("PLEIN_NOTIFICATIONS_POLL_SECONDS", 25), 1)
PLEIN_WORKER_STALE_AFTER = max(env_int("PLEIN_WORKER_STALE_AFTER", 30), 15)
# Jobs the workers enqueue on a schedule; each period's run is enqueued once in all.
PLEIN_PERIODIC_JOBS = {
    "people.end_expired_flexible_access": {
        "task": "plein.people.tasks.end_expired_flexible_access",
        "every_minutes": 60,
    },
    "community.sync_people_groups": {
        "task": "plein.community.tasks.sync_people_groups_task",
        "every_minutes": 15,
    },
    "people.clear_expired_sessions": {
        "task": "plein.people.tasks.clear_expired_sessions",
        "every_minutes": 24 * 60,
    },
    "careers.close_expired_vacancies": {
        "task": "plein.careers.tasks.close_expired_vacancies",
        "every_minutes": 60,
    },
    "announcements.deliver_waiting": {
        "task": "plein.announcements.tasks.deliver_waiting_announcements",
        "every_minutes": 5,
    },
    "notifications.send_due_digests": {
        "task": "plein.notifications.tasks.send_due_digests",
        "every_minutes": 60,
    },
    "notifications.send_pending_emails": {
        "task": "plein.notifications.tasks.send_pending_emails",
        "every_minutes": 5,
    },
    "notifications.deliver_waiting_fan_outs": {
        "task": "plein.notifications.tasks.deliver_waiting_fan_outs",
        "every_minutes": 10,
    },
    "articles.publish_due_articles": {
        "task": "plein.articles.tasks.publish_due_articles_task",
        "every_minutes": 5,
    },
    "careers.enforce_application_retention": {
        "task": "plein.careers.tasks.enforce_application_retention",
        "every_minutes": 60,
    },
    "careers.sync_alumni_group": {
        "task": "plein.careers.tasks.sync_alumni_group",
        "every_minutes": 24 * 60,
    },
    "articles.open_board_round": {
        "task": "plein.articles.tasks.open_board_round_task",
        "every_minutes": 60,
    },
    "privacy.expire_exports": {
        "task": "plein.privacy.tasks.expire_exports_task",
        "every_minutes": 60,
    },
    "privacy.apply_retention": {
        "task": "plein.privacy.tasks.apply_retention_task",
        "every_minutes": 24 * 60,
    },
    "privacy.erase_offboarded": {
        "task": "plein.privacy.tasks.erase_offboarded_task",
        "every_minutes": 60,
    },
    "careers.send_candidate_answer_emails": {
        "task": "plein.careers.candidate_questions.tasks.send_candidate_answer_emails",
        "every_minutes": 5,
    },
    "careers.erase_old_candidate_addresses": {
        "task": "plein.careers.candidate_questions.tasks.erase_old_candidate_addresses",
        "every_minutes": 24 * 60,
    },
    "careers.send_job_alerts": {
        "task": "plein.careers.job_alerts.tasks.send_due_job_alerts",
        "every_minutes": 15,
    },
    "careers.delete_unconfirmed_job_alerts": {
        "task": "plein.careers.job_alerts.tasks.delete_unconfirmed_job_alerts",
        "every_minutes": 60,
    },
}

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "plein.people.auth.PersonBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "plein.people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
# Nobody can make Plein mail an address that has no account.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Lockout per account and address is django-axes' job (it also covers the admin); allauth adds
# a per-address throttle against password spraying over many accounts, and limits resets.
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login": "30/m/ip",
    "login_failed": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
if TESTING:
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Plein"
# One 30-second step either way: phone clocks drift, and a code typed at the turn still works.
MFA_TOTP_TOLERANCE = 1

AXES_FAILURE_LIMIT = env_int("PLEIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours: a locked account and address may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "plein.people.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "people/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security ---------------------------------------------------------------------------------
SECURE_HTTPS = BASE_URL.startswith("https://")
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("PLEIN_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("PLEIN_BEHIND_PROXY") else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # Videos load only after the person clicks (click-to-load); then only from these players.
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

# --- Uploads ----------------------------------------------------------------------------------
MEDIA_ROOT = Path(env_str("PLEIN_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PLEIN_PHOTO_MAX_BYTES = env_int("PLEIN_PHOTO_MAX_BYTES", 8 * 1024 * 1024)
PLEIN_PHOTO_MAX_PIXELS = env_int("PLEIN_PHOTO_MAX_PIXELS", 40_000_000)
PLEIN_IMPORT_MAX_BYTES = env_int("PLEIN_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# Files only some people may see (candidates' CVs): never under MEDIA_ROOT, served by views.
PLEIN_PRIVATE_ROOT = Path(env_str("PLEIN_PRIVATE_ROOT", str(DATA_DIR / "private")))
PLEIN_CV_MAX_BYTES = env_int("PLEIN_CV_MAX_BYTES", 10 * 1024 * 1024)
# Applications per address per hour on the public form (a brake on scripted spam).
PLEIN_APPLY_PER_HOUR = env_int("PLEIN_APPLY_PER_HOUR", 20)

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "plein_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = env_str("PLEIN_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- E-mail -----------------------------------------------------------------------------------
_email_backend = env_str("PLEIN_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _email_backend}}
if _email_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("PLEIN_EMAIL_HOST", "127.0.0.1"),
        "port": env_int("PLEIN_EMAIL_PORT", 1025),
        "username": env_str("PLEIN_EMAIL_USER"),
        "password": env_str("PLEIN_EMAIL_PASSWORD"),
        "use_tls": env_bool("PLEIN_EMAIL_USE_TLS"),
        "use_ssl": env_bool("PLEIN_EMAIL_USE_SSL"),
        "timeout": env_int("PLEIN_EMAIL_TIMEOUT", 30),
    }
DEFAULT_FROM_EMAIL = env_str("PLEIN_EMAIL_FROM", "Plein <plein@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Plein ------------------------------------------------------------------------------------
PLEIN_INVITATION_DAYS = env_int("PLEIN_INVITATION_DAYS", 14)
PLEIN_API_RATE_PER_MINUTE = env_int("PLEIN_API_RATE_PER_MINUTE", 600)
PLEIN_MEMBERS_MAY_CREATE_GROUPS = env_bool("PLEIN_MEMBERS_MAY_CREATE_GROUPS", True)
# "Ask the board": days per round (7: Monday to Sunday), and whether a question may be asked
# without the asker's name shown to colleagues (moderators still see who asked).
PLEIN_BOARD_ROUND_DAYS = max(env_int("PLEIN_BOARD_ROUND_DAYS", 7), 1)
# Days members have to accept a new social media policy before posting waits for it.
PLEIN_POLICY_GRACE_DAYS = max(env_int("PLEIN_POLICY_GRACE_DAYS", 14), 0)
PLEIN_POLICY_ATTACHMENT_MAX_BYTES = env_int("PLEIN_POLICY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
PLEIN_BOARD_ANONYMOUS_QUESTIONS = env_bool("PLEIN_BOARD_ANONYMOUS_QUESTIONS", True)
# Candidates' questions on the careers site wait for the recruiter or hiring manager to publish
# them (off: questions that pass every check are public at once).
PLEIN_CAREERS_QUESTIONS_REVIEW = env_bool("PLEIN_CAREERS_QUESTIONS_REVIEW", True)

# --- Privacy ----------------------------------------------------------------------------------
# Data exports are built by the worker into this folder (never under MEDIA_ROOT: nothing in it
# is served except through the owner's download view) and deleted after the retention period.
PLEIN_EXPORT_DIR = Path(env_str("PLEIN_EXPORT_DIR", str(DATA_DIR / "private" / "exports")))
PLEIN_EXPORT_RETENTION_DAYS = max(env_int("PLEIN_EXPORT_RETENTION_DAYS", 7), 1)
# What happens to a person's data when they are offboarded: "never" (they stay an alumnus),
# "immediately" (erased in the offboarding transaction) or "after_days" (erased by the worker
# PLEIN_ERASE_AFTER_DAYS after offboarding).
PLEIN_ERASE_ON_OFFBOARDING = env_str("PLEIN_ERASE_ON_OFFBOARDING", "never")
PLEIN_ERASE_AFTER_DAYS = max(env_int("PLEIN_ERASE_AFTER_DAYS", 30), 0)
# Retention: days after which the daily job removes...
PLEIN_RETENTION_DELETED_CONTENT_DAYS = max(env_int("PLEIN_RETENTION_DELETED_CONTENT_DAYS", 30), 1)
PLEIN_RETENTION_NOTIFICATION_DAYS = max(env_int("PLEIN_RETENTION_NOTIFICATION_DAYS", 180), 1)
PLEIN_RETENTION_SIGN_IN_DAYS = max(env_int("PLEIN_RETENTION_SIGN_IN_DAYS", 180), 1)
PLEIN_RETENTION_AUDIT_DAYS = max(env_int("PLEIN_RETENTION_AUDIT_DAYS", 730), 30)

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "plein.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("PLEIN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "INFO"},
        "django_tasks_db": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
