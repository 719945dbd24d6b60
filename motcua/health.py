"""`/healthz/`: what docker's healthchecks and operators ask the web process (django-health-check).

- `/healthz/` checks the database, the cache and the storage (a file written, read, deleted
  under MEDIA_ROOT). A failure of any of them answers 500 with the check that failed
  (`?format=json` or `?format=text` for machines). It is the operator's view: Redis down shows
  here as a failed cache.
- `/healthz/web/` checks what pages depend on: the database and the storage. The cache is an
  accelerator, never a dependency: with Redis down every page still answers, so the web
  container stays healthy and the proxy keeps sending it requests. docker-compose's web
  healthcheck asks this one (deploy/probe.py).
Both are exempt from the HTTPS redirect (docker probes the container over plain HTTP); the
public proxy (deploy/Caddyfile) does not forward /healthz at all.
"""

from health_check import Cache, Database, Storage
from health_check.views import HealthCheckView

from django.urls import path

urlpatterns = [
    path("", HealthCheckView.as_view(checks=[Database, Cache, Storage]), name="healthz"),
    path("web/", HealthCheckView.as_view(checks=[Database, Storage]), name="healthz_web"),
]
