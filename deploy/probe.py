"""Healthcheck probes of docker-compose.yml, with nothing but the standard library.

    python deploy/probe.py http http://127.0.0.1:8000/healthz/web/
        exit 0 when the page answers 200. The Host header is the first of ALLOWED_HOSTS (the
        container is probed by its own address, which Django would refuse as a host).
    python deploy/probe.py fresh /tmp/motcua-beat-heartbeat --max-age 180
        exit 0 when the file was touched less than --max-age seconds ago (motcua.beat).
Anything else exits 1 with the reason on stderr, which docker keeps in `docker inspect`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.error
import urllib.request


def http(url: str, host: str, timeout: float) -> str | None:
    """None when `url` answers 200, else why not."""
    request = urllib.request.Request(url, headers={"Host": host, "Accept": "text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        return f"{url}: HTTP {error.code} {error.read(500).decode('utf-8', 'replace')}"
    except OSError as error:
        return f"{url}: {error}"
    return None if status == 200 else f"{url}: HTTP {status}"


def fresh(path: str, max_age: float) -> str | None:
    """None when `path` was touched less than `max_age` seconds ago, else why not."""
    try:
        age = time.time() - os.stat(path).st_mtime
    except OSError as error:
        return f"{path}: {error}"
    return None if age < max_age else f"{path}: last touched {age:.0f}s ago (> {max_age:g}s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    checks = parser.add_subparsers(dest="check", required=True)
    page = checks.add_parser("http", help="a page answers 200")
    page.add_argument("url")
    default_host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    page.add_argument("--host", default=default_host or "localhost")
    page.add_argument("--timeout", type=float, default=10)
    heartbeat = checks.add_parser("fresh", help="a file was touched recently")
    heartbeat.add_argument("path")
    heartbeat.add_argument("--max-age", type=float, required=True)
    args = parser.parse_args(argv)
    if args.check == "http":
        problem = http(args.url, args.host, args.timeout)
    else:
        problem = fresh(args.path, args.max_age)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
