"""The page benchmark's reference point: the least a WSGI answer can cost, served by gunicorn
with the same settings as the site (tests/benchmarks/pages_bench.py)."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "3")])
    return [b"ok\n"]
