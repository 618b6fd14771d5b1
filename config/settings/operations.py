"""Operations settings (docs/deploy.md): request ids, JSON logs, Prometheus metrics, Sentry.

``operations(env, ...)`` returns the settings to merge into the module that calls it, so
that base.py and production.py share one definition and differ only in their defaults
(plain console logs for ``make run``, JSON lines in production)."""

import os


def logging_config(log_format: str) -> dict:
    """Plain lines for a person at a console; one JSON object per line for a log
    collector. Both carry the request id (config.requestlog)."""
    formatter = (
        {"()": "config.requestlog.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.requestlog.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "waypoint": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "celery": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        },
    }


def operations(env, *, log_format_default: str, middleware: list, databases: dict) -> dict:
    log_format = env.str("LOG_FORMAT", default=log_format_default)
    settings = {
        "LOG_FORMAT": log_format,
        "LOGGING": logging_config(log_format),
        # One JSON line per request (waypoint.requests): on with JSON logs; the development
        # server prints its own request lines.
        "LOG_REQUESTS": env.bool("LOG_REQUESTS", default=log_format == "json"),
        # X-Request-ID is taken from the request only behind the reverse proxy, which
        # replaces whatever a client sent (deploy/nginx/waypoint.conf).
        "REQUEST_ID_FROM_PROXY": env.bool(
            "REQUEST_ID_FROM_PROXY", default=env.int("TRUSTED_PROXY_COUNT", default=0) > 0
        ),
        "METRICS_ENABLED": env.bool("METRICS_ENABLED", default=False),
        "METRICS_TOKEN": env.str("METRICS_TOKEN", default=""),
        "PROMETHEUS_METRIC_NAMESPACE": "waypoint",
    }
    middleware = ["config.requestlog.RequestIdMiddleware", *middleware]
    if settings["METRICS_ENABLED"]:
        middleware = [
            "django_prometheus.middleware.PrometheusBeforeMiddleware",
            *middleware,
            "django_prometheus.middleware.PrometheusAfterMiddleware",
        ]
        database = databases["default"]
        # django-prometheus' database wrappers count queries, their time and errors.
        wrapped = {
            "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
            "config.postgresql": "config.postgresql_metrics",
            "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
        }
        database["ENGINE"] = wrapped.get(database["ENGINE"], database["ENGINE"])
    settings["MIDDLEWARE"] = middleware
    _sentry(env)
    return settings


def _sentry(env) -> None:
    """Errors to Sentry when SENTRY_DSN is set; nothing is sent otherwise. No personal data:
    no cookies, headers, bodies or user e-mail (send_default_pii False)."""
    dsn = env.str("SENTRY_DSN", default="")
    if not dsn:
        return
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default=os.environ.get("WAYPOINT_RELEASE", "")) or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
