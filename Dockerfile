FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; gettext compiles the translation catalogs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt

COPY . .
RUN DEBUG=1 python manage.py compilemessages -v 0 \
 && DEBUG=1 python manage.py collectstatic --no-input -v 0 \
 && useradd --create-home --uid 1000 motcua \
 && mkdir -p /data/media && chown motcua /data/media

USER motcua
EXPOSE 8000
CMD ["gunicorn", "motcua.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
