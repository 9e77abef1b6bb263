"""Kinship settings: everything that differs between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KINSHIP_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Production switches on HTTPS-only cookies, HSTS, hashed static files and demands a real key.
PRODUCTION = env_bool("KINSHIP_PRODUCTION", False)


def _development_secret_key() -> str:
    """A random key kept in var/ for this machine: never a constant anyone could read in the
    source, so a server started without KINSHIP_PRODUCTION still signs nothing forgeable."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets
        import tempfile

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Written whole to a private file, then linked into place: a second process starting
        # at the same moment either sees no key yet or the whole key, and keeps the first.
        fd, draft = tempfile.mkstemp(dir=VAR_DIR, prefix=".secret_key.")
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in production: 50 or more random characters of its own."
    )
if not SECRET_KEY:
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    # Before django_tasks_db: kinship.core's db_worker command replaces the package's.
    "kinship.core",
    "django_tasks",
    "django_tasks_db",
    "kinship.accounts",
    "kinship.schools",
    "kinship.families",
    "kinship.meetings",
    "kinship.visits",
    "kinship.moderation",
    "kinship.mentoring",
    "kinship.notifications",
    "kinship.library",
    "kinship.forums",
    "kinship.privacy",
    # Above the feature apps: it reads the exchanges of every one of them.
    "kinship.insights",
    # Last: it fills every app above with the demo family (`seed_demo`).
    "kinship.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kinship.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kinship.membership.middleware.MembershipsOncePerRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kinship.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kinship.forums.middleware.PupilPagesMiddleware",
    # After sessions, sign-in and messages; claims in process_view, after CSRF has passed.
    "kinship.core.middleware.SubmissionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kinship.urls"
WSGI_APPLICATION = "kinship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "kinship.membership.context_processors.account",
            ],
            "builtins": [
                "kinship.core.templatetags.kinship",
                "kinship.core.templatetags.submissions",
            ],
        },
    }
]

# SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in CI and production).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'kinship.sqlite3'}",
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server write without locking each other out.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kinship.accounts.backends.SignInDelayBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "kinship.forums.pupils.PupilBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "families:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Lock a username at one address out for 15 minutes after 5 failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Our users sign in by email, but the sign-in forms (ours and the admin's) post it as "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Pupils sign in past axes (kinship.forums.pupils.pupil_matching), but should a pupil form
# ever reach it, axes keeps the posted form of each failure: never a picture in it.
AXES_SENSITIVE_PARAMETERS = ["picture_1", "picture_2", "picture_3", "picture_4"]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# How many reverse proxies stand in front (each appends to X-Forwarded-For): lockouts, rate
# limits and the audit log use the client's address, not the proxy's.
TRUSTED_PROXY_COUNT = int(env_str("AXES_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "kinship.core.http.client_ip"
AXES_WHITELIST_CALLABLE = "kinship.accounts.backends.turned_away_by_delay"

OTP_TOTP_ISSUER = "Kinship"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Only the built files of the npm packages are published, not the whole of node_modules.
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
    # The pupils' sign-in pictures (kinship.forums.pupils.PICTURES), drawn as SVG.
    ("vendor/lucide", BASE_DIR / "node_modules" / "lucide-static" / "icons"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Library files and forum uploads: served only through permission-checked views.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private")},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("KINSHIP_MANIFEST_STATIC", PRODUCTION)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

CACHES: dict[str, dict[str, object]]
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            # Redis, or the database while Redis is unreachable (kinship.core.cache).
            "BACKEND": "kinship.core.cache.RedisWithDatabaseFallback",
            "LOCATION": env_str("REDIS_URL"),
            # Short timeouts: an outage must cost a request milliseconds, not seconds.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Safeguarding (forums): a high-severity held pupil post not acted on within this many school
# hours goes to the deputy DSLs, and after as many again to the head. The school day is
# wall-clock time in TIME_ZONE on the days the school's term dates say it is open.
SAFEGUARDING_ESCALATION_SCHOOL_HOURS = float(env_str("SAFEGUARDING_ESCALATION_SCHOOL_HOURS", "2"))
SAFEGUARDING_SCHOOL_DAY = (
    env_str("SAFEGUARDING_SCHOOL_DAY_START", "08:45"),
    env_str("SAFEGUARDING_SCHOOL_DAY_END", "15:15"),
)
# Duty emails (safeguarding alerts) wait this long so a burst of held posts is one email.
DUTY_EMAIL_DELAY_SECONDS = int(env_str("DUTY_EMAIL_DELAY_SECONDS", "60"))
# Posting limits are counted in the cache under this prefix (tests use their own).
RATE_LIMIT_PREFIX = env_str("RATE_LIMIT_PREFIX", "kinship-rate")

# A task whose worker died is queued again after this many seconds times its attempts.
TASK_RETRY_BACKOFF_SECONDS = float(env_str("TASK_RETRY_BACKOFF_SECONDS", "30"))
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}


def _email_settings(url: str) -> dict[str, object]:
    """Map EMAIL_URL (smtp://user:pass@host:587, console:, file:///path) to Django settings."""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    if parsed.scheme in {"", "console"}:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path,
        }
    if parsed.scheme in {"smtp", "smtps", "submission"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": parsed.scheme == "smtps",
            "EMAIL_USE_TLS": parsed.scheme != "smtps",
        }
    raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme: {parsed.scheme!r}")


globals().update(_email_settings(env_str("EMAIL_URL", "console:")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kinship <no-reply@kinship.localhost>")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# A sentence-transformers model folder on this machine for coach matching; TF-IDF without it.
MENTORING_EMBEDDING_MODEL = env_str("MENTORING_EMBEDDING_MODEL")

# Security headers: on everywhere; the HTTPS-only ones follow KINSHIP_HTTPS (on in production).
HTTPS = env_bool("KINSHIP_HTTPS", PRODUCTION)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# UK GDPR erasure (docs/retention.md): an erased pupil's posts are kept this many days for the
# school's review, then deleted by `manage.py apply_retention`.
PUPIL_POST_RETENTION_DAYS = int(env_str("PUPIL_POST_RETENTION_DAYS", "365"))
