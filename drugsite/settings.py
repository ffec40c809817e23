"""Settings for the drug information site, all read from the environment.

Unset variables give a local development setup that runs at once: SQLite in the
project folder and an in-process cache. Production sets DATABASE_URL, REDIS_URL,
SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Fail closed: a production server must never run on a known key.
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for a local checkout).")
    SECRET_KEY = "local-development-key-not-for-production"
# Rotating the key: the new one in SECRET_KEY, the old one here until sessions and
# password-reset links signed with it have expired (README "Operations").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "accounts",
    "monographs",
    "reviews",
    "public",
    "feedback",
    "demo",
    "dbbackup",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "drugsite.middleware.RejectNulBytesInAdmin",
    "drugsite.middleware.DatabaseOutage",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorGate",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a refused login into the locked-out page
    # (inside the others, so that page gets their headers too).
    "axes.middleware.AxesMiddleware",
    # No reversion.middleware.RevisionMiddleware: VersionAdmin makes the admin's
    # revisions, and workflow.submit() makes its own, which must not be nested.
]

ROOT_URLCONF = "drugsite.urls"

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
                "django.template.context_processors.csp",
                "monographs.context_processors.site_settings",
            ],
        },
    },
]

WSGI_APPLICATION = "drugsite.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down answers as a cache miss, never an error (drugsite/cache.py).
            "BACKEND": "drugsite.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "drugsite"),
            # A server that does not answer must cost a request milliseconds, not seconds.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Published pages served from the cache (public/page_cache.py, README "Caching"); 0 renders
# every request afresh. The Cache-Control of public pages, for browsers and a CDN in front:
# a short max-age, then a stale copy served while revalidating; a withdrawn or missing page
# (410, 404) is kept only GONE_MAX_AGE seconds.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "60"))
PUBLIC_PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("PUBLIC_PAGE_STALE_WHILE_REVALIDATE", "600"))
PUBLIC_PAGE_GONE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_GONE_MAX_AGE", "10"))

# A form of up to 5 MB is read, so an over-long text gets the form's error naming its
# limit; a larger one gets the plain "too much to send" page (413, drugsite/errors.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Memory for rendered Markdown kept in each process (monographs/rendering.py).
RENDER_CACHE_BYTES = int(os.environ.get("RENDER_CACHE_BYTES", str(32 * 1024 * 1024)))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.UsernamePasswordValidator"},
]

# Staff accounts (accounts/, README "Staff accounts"). Login throttling by django-axes:
# 10 failures lock the account, and 10 from one address lock that address, each on its own;
# the lock lifts LOGIN_LOCKOUT_MINUTES after the last attempt, or by `manage.py axes_reset*`.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "60")))
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
if env_bool("BEHIND_HTTPS_PROXY", False):
    # Behind the load balancer every request comes from its address: count failures
    # against the client's address, which the load balancer appends to X-Forwarded-For.
    AXES_CLIENT_IP_CALLABLE = "accounts.backends.forwarded_client_address"
# Two-factor sign-in (django-otp) for administrators and medical reviewers: on unless
# DEBUG (make run), or set STAFF_2FA_REQUIRED=0/1. accounts/second_factor.py has the rule.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Oncology drug information")
# Administrators may see and delete users' devices, not read their keys or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Backups (django-dbbackup: `make backup`, `make restore`; README "Operations"): pg_dump's
# custom format on PostgreSQL, SQLite's online backup on SQLite, both exact to the microsecond.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "dbbackup": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": BACKUP_DIR}},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND_PATH = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
    }
# Where links in emails point to.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "reviews@localhost")

# Background work (emails, reminders) on Django's tasks framework. TASK_BACKEND=database
# queues it in the database for `manage.py db_worker` (django-tasks-db); by default it runs
# at once, in the process that asks for it, so a plain checkout needs no worker.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASK_BACKEND!r}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}

# Behind HTTPS in production: SECURE_COOKIES=1, SECURE_SSL_REDIRECT=1, SECURE_HSTS_SECONDS=31536000,
# and BEHIND_HTTPS_PROXY=1 when a load balancer terminates TLS and sets X-Forwarded-Proto.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Load balancers probe over plain HTTP; a redirect would read as a failed check.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (Django's own middleware). Scripts only from
# this site's static files, never inline; a <style> element needs the request's nonce
# ({% csp_nonce_attr %}); nothing may frame a page (the review screen's preview relaxes
# frame-ancestors to this site, in reviews.admin.queue).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
