"""Is the web process answering? Exit 0 when a light page answers 200, 1 otherwise.

Used by the Docker image's HEALTHCHECK (and usable from a load balancer's script check):

    python deploy/healthcheck.py

It asks gunicorn directly (GUNICORN_BIND, 0.0.0.0 becomes 127.0.0.1) for /health/, which
answers 200 when the database, the caches and the media storage work (also when Elasticsearch
is down and search falls back to the database) and 503 when the site cannot serve, with the
first of ALLOWED_HOSTS as the host name and X-Forwarded-Proto: https, as the proxy would, so
neither the host check nor the redirect to HTTPS stands in the way. Standard library only; no Django start-up.
"""

import http.client
import os
import sys

TIMEOUT_SECONDS = 5


def target():
    bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")[0].strip()
    host, _, port = bind.rpartition(":")
    host = host.strip("[]")
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return host, int(port or 8000)


def host_header():
    allowed = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    name = allowed[0] if allowed else "localhost"
    if name == "*":
        return "localhost"
    return name.lstrip(".")  # ".example.nl" allows example.nl itself too


def main():
    host, port = target()
    path = os.environ.get("HEALTHCHECK_PATH", "/health/")
    try:
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
        connection.request("GET", path, headers={"Host": host_header(), "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError as exc:
        print(f"unhealthy: {host}:{port}{path}: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: {host}:{port}{path} answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
