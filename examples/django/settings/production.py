import os

DEBUG = False

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ["DB_HOST"],
        "NAME": "app",
        "USER": "app",
        "PASSWORD": os.environ["DB_PASSWORD"],
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/db-ca.pem"},
    },
    "reporting": {  # expect: require-ssl
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "reporting.db.example.com",
        "NAME": "reporting",
        "USER": "reader",
        "PASSWORD": os.environ.get("REPORTING_PASSWORD", "reader"),  # expect: no-hardcoded-credentials
    },
}
