# syntax=docker/dockerfile:1
#
# The knowledge platform's image: gunicorn serving the site (static files by WhiteNoise, with
# far-future cache headers), and the same image runs migrations, the background worker
# (db_worker) and the scheduled jobs. deploy/compose.yaml puts it together with PostgreSQL,
# Elasticsearch, a cache and nginx; README.md ("With Docker") says how to start it.
#
#   docker build -t kennisplatform .
#
# The code runs from /app as it is in the repository (templates/, static/ and locale/ sit next
# to the packages), so only the pinned dependencies from pyproject.toml are installed into the
# virtualenv, not the project itself.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: the virtualenv with the pinned dependencies --------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
# Only pyproject.toml first, so the dependency layer is rebuilt only when the pins change.
COPY pyproject.toml ./
RUN python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; open('requirements.txt', 'w').write('\n'.join(deps) + '\n')" \
 && pip install --requirement requirements.txt

# Packages the settings can use but pyproject.toml does not pin (yet): the Redis client for
# CACHE_URL=redis://... (the compose file's cache). Empty to leave them out.
ARG EXTRA_REQUIREMENTS="redis==8.1.0"
RUN if [ -n "$EXTRA_REQUIREMENTS" ]; then pip install $EXTRA_REQUIREMENTS; fi

# --- runtime ------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=kennisplatform.settings.production \
    GUNICORN_BIND=0.0.0.0:8000 \
    STATIC_ROOT=/app/static_collected \
    MEDIA_ROOT=/data/media \
    PAGE_CACHE_DIR=/data/cache

# An unprivileged user runs everything; it owns only the media folder, not the code.
RUN groupadd --system --gid 10001 kennisplatform \
 && useradd --system --uid 10001 --gid kennisplatform --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin kennisplatform

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
COPY . /app

# Static files are collected (hashed names, gzip copies) into the image at build time. The
# production settings want a SECRET_KEY even for this: a throwaway one, not kept in the image.
# The database URL points at a file that is never created (collectstatic does not connect).
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    DATABASE_URL=sqlite:////tmp/collectstatic-unused.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 1 \
 && python -m compileall -q /app/kennisplatform /app/core /app/cms /app/events /app/search /app/community /app/deploy \
 && mkdir -p /data/media /data/cache \
 && chown kennisplatform:kennisplatform /data/media /data/cache

USER kennisplatform
EXPOSE 8000

# /health/ through gunicorn, as the proxy would ask (deploy/healthcheck.py). Workers load
# Django and Wagtail on start, which takes a while on a small machine: hence the start period.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
    CMD ["python", "/app/deploy/healthcheck.py"]

CMD ["gunicorn", "--config", "/app/deploy/gunicorn.conf.py", "kennisplatform.wsgi"]
