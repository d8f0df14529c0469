"""Django settings for Koe. Everything deployment-specific comes from the environment.

Embedded default: SQLite in ``KOE_DATA_DIR`` and a Celery broker that needs no server
(messages in files under the same folder). Production: ``DATABASE_URL`` (PostgreSQL) and
``CELERY_BROKER_URL`` (Redis or RabbitMQ).
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import database_from_url, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("KOE_DATA_DIR", str(Path.cwd() / "koe-data"))).resolve()

DEBUG = env_bool("KOE_DEBUG", False)
SECRET_KEY = env_str("KOE_SECRET_KEY", "")
if not SECRET_KEY:
    # The embedded default keeps a random key in the data folder, made on first start.
    _key_file = DATA_DIR / "secret_key"
    if _key_file.exists():
        SECRET_KEY = _key_file.read_text().strip()
    else:
        import secrets

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        SECRET_KEY = secrets.token_urlsafe(50)
        _key_file.write_text(SECRET_KEY)
        _key_file.chmod(0o600)

ALLOWED_HOSTS = env_list("KOE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("KOE_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("KOE_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "koe.people",
    "koe.audit",
    "koe.policies",
    "koe.accounts",
    "koe.community",
    "koe.learning",
    "koe.monitoring",
    "koe.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "koe.people.middleware.UserLanguageMiddleware",
    "koe.people.middleware.RequireMfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "koe.web.errors.KoeErrorMiddleware",
]

ROOT_URLCONF = "koe.web.urls"
WSGI_APPLICATION = "koe.web.wsgi.application"
ASGI_APPLICATION = "koe.web.asgi.application"

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
                "django.template.context_processors.i18n",
                "koe.people.context.navigation",
                "koe.people.context.notifications",
            ],
        },
    },
]

_db_url = env_str("DATABASE_URL", "")
DATABASES = {
    "default": database_from_url(_db_url) if _db_url else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "koe.sqlite3",
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE",
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Sign-in: local accounts by e-mail; OpenID Connect single sign-on when configured.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ALLOW_REGISTRATION = env_bool("KOE_SIGNUP_ENABLED", False)
ACCOUNT_ADAPTER = "koe.people.adapters.AccountAdapter"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Koe"
MFA_TOTP_TOLERANCE = env_int("KOE_MFA_TOTP_TOLERANCE", 1)  # accept the previous/next 30 s code
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {}
if env_str("KOE_OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [{
            "provider_id": env_str("KOE_OIDC_PROVIDER_ID", "sso"),
            "name": env_str("KOE_OIDC_NAME", "Single sign-on"),
            "client_id": env_str("KOE_OIDC_CLIENT_ID"),
            "secret": env_str("KOE_OIDC_CLIENT_SECRET"),
            "settings": {"server_url": env_str("KOE_OIDC_SERVER_URL")},
        }],
    }
KOE_MFA_REQUIRED = env_bool("KOE_MFA_REQUIRED_ENABLED", True)

LANGUAGE_CODE = env_str("KOE_LANGUAGE", "ja")
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("KOE_TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = env_str("KOE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
                        if env_str("KOE_SMTP_HOST") else
                        "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("KOE_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = env_int("KOE_SMTP_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("KOE_FROM_EMAIL", "koe@localhost")

# Background work. The default broker keeps messages in files: no server needed.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
_queue_dir = DATA_DIR / "queue"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"data_folder_in": str(_queue_dir), "data_folder_out": str(_queue_dir),
     "processed_folder": str(DATA_DIR / "queue-done"), "store_processed": False,
     "control_folder": str(DATA_DIR / "queue-control")}
    if CELERY_BROKER_URL.startswith("filesystem") else {}
)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_SERIALIZER = "json"
# The queue tasks go to and workers take from (installations sharing a broker use their own).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    "policy-acknowledgement-reminders": {
        "task": "policies.remind_unacknowledged", "schedule": 7 * 24 * 3600.0},
    "purge-withdrawn-enrolments": {
        "task": "accounts.purge_withdrawn_enrolments", "schedule": 24 * 3600.0},
    "training-reminders": {"task": "learning.remind_due", "schedule": 24 * 3600.0},
    "training-refreshers": {"task": "learning.start_refreshers", "schedule": 24 * 3600.0},
    # Hourly, so each registrant hears about a session about a day before it starts.
    "workshop-reminders": {"task": "learning.remind_workshops", "schedule": 3600.0},
    "grant-certificates": {"task": "accounts.enforce_certificates", "schedule": 24 * 3600.0},
    "monitoring-retention": {"task": "monitoring.purge_expired", "schedule": 24 * 3600.0},
}
CELERY_ACCEPT_CONTENT = ["json"]
# Keep a worker process's database connection across tasks (Celery's Django fixup otherwise
# closes it after every task: a new PostgreSQL backend, cold caches, per chunk). Connections
# past CONN_MAX_AGE or broken are still replaced: koe.web.celery checks before each task.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)
# Monitoring: how many posts one scan task takes (the bulk path splits ingests into chunks).
KOE_SCAN_CHUNK = env_int("KOE_SCAN_CHUNK", 500)
# Bluesky connector (`koe connect bluesky`): the firehose it reads (a relay or one PDS) and the
# server that turns handles into DIDs.
KOE_BLUESKY_FIREHOSE = env_str("KOE_BLUESKY_FIREHOSE", "wss://bsky.network/xrpc")
KOE_BLUESKY_SERVICE = env_str("KOE_BLUESKY_SERVICE", "https://bsky.social")

# Policy publishing: the stakeholders whose sign-off a version needs, by role.
KOE_SIGNOFF_ROLES = env_list("KOE_SIGNOFF_ROLES", ["legal", "it", "hr", "reviewer"])

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send the token
SESSION_COOKIE_SECURE = env_bool("KOE_SECURE_COOKIES_ENABLED", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOE_LOG_LEVEL", "WARNING")},
}
