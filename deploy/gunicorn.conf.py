"""Gunicorn settings for the knowledge platform, read from the environment.

    gunicorn -c deploy/gunicorn.conf.py kennisplatform.wsgi

Every value has a default that suits one machine behind nginx; change it with the variable
named next to it (the systemd unit and the Docker image use this file as it is):

GUNICORN_BIND                 address to listen on (127.0.0.1:8000; the Docker image: 0.0.0.0:8000)
GUNICORN_WORKERS              worker processes (2 x CPU cores + 1)
GUNICORN_THREADS              threads per worker (1: plain sync workers; more than 1 uses gthread)
GUNICORN_TIMEOUT              seconds a silent worker may take before it is restarted (30)
GUNICORN_GRACEFUL_TIMEOUT     seconds workers get to finish requests on a restart or stop (30)
GUNICORN_KEEPALIVE            seconds to keep an idle connection from the proxy open (5)
GUNICORN_MAX_REQUESTS         restart a worker after this many requests, 0 = never (1000)
GUNICORN_MAX_REQUESTS_JITTER  random extra requests, so workers do not restart together (100)
GUNICORN_ACCESS_LOG           where the access log goes: - (stdout), a file, or empty for none
                              (-; none with LOG_FORMAT=json, which logs each request itself)
GUNICORN_LOG_LEVEL            gunicorn's own log level (info)
FORWARDED_ALLOW_IPS           proxies trusted to say a request came over HTTPS (127.0.0.1,::1)

Django itself trusts X-Forwarded-Proto from whoever reaches gunicorn (SECURE_PROXY_SSL_HEADER in
the production settings), so gunicorn must only be reachable through the proxy, and the proxy
must overwrite that header (deploy/nginx.conf.example does).
"""

import os


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from None


def _cores():
    # The CPUs this process may run on (honours taskset/cpusets, unlike os.cpu_count()).
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address.strip()]

workers = _int("GUNICORN_WORKERS", 2 * _cores() + 1)
threads = _int("GUNICORN_THREADS", 1)
# More than one thread needs the threaded worker; gunicorn would pick it by itself, but say so.
worker_class = "gthread" if threads > 1 else "sync"

timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then, so a slow leak in any library never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The heartbeat file of each worker: in memory where possible (a disk-backed /tmp can stall
# workers under I/O load, notably in containers).
if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
    worker_tmp_dir = "/dev/shm"

# Which proxies may set X-Forwarded-Proto for gunicorn (wsgi.url_scheme). Gunicorn reads
# FORWARDED_ALLOW_IPS by itself too; stated here so the default is visible.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr: journald (systemd) or `docker compose logs` keep them.
# With LOG_FORMAT=json the site writes its own JSON line per request (with the request id), so
# gunicorn's access log is off unless GUNICORN_ACCESS_LOG asks for it.
_default_access_log = "" if os.environ.get("LOG_FORMAT") == "json" else "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", _default_access_log) or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client's address as the proxy saw it (X-Forwarded-For), the request, status, size,
# referrer, user agent and the time taken in milliseconds. No cookies, no query-string secrets
# beyond what the URL carries. Keep these logs only as long as needed (they hold IP addresses).
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

proc_name = "kennisplatform"
# The runtime control socket (gunicornc) is not needed; it would otherwise be created in the
# service user's home directory, which the service user may not have.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") == ""
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
