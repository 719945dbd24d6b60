FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango (and HarfBuzz-subset for the PDF fonts); gettext compiles the catalogs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt

# The app's user owns every folder it writes: documents and reports (/data/media), the SMS
# file sink and other runtime files (/data/var), and the static files `init` collects into
# the volume Caddy serves (/app/staticfiles).
COPY . .
RUN useradd --create-home --uid 1000 motcua \
 && DEBUG=1 SECRET_KEY_FILE=/tmp/build-key python manage.py compilemessages -v 0 \
 && DEBUG=1 SECRET_KEY_FILE=/tmp/build-key python manage.py collectstatic --no-input -v 0 \
 && rm -f /tmp/build-key \
 && mkdir -p /data/media /data/var/sms \
 && chown -R motcua:motcua /data /app/staticfiles

USER motcua
EXPOSE 8000
# Behind Caddy (it buffers request bodies): sync workers, recycled now and then (WeasyPrint).
CMD ["gunicorn", "motcua.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--max-requests", "1000", "--max-requests-jitter", "100", "--access-logfile", "-"]
