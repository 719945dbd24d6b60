from django.apps import AppConfig
from django.http import multipartparser

# Django refuses a multipart part whose headers exceed 1,024 bytes with a bare "Bad Request":
# a file name of some 300 Vietnamese characters. Up to this size the part is read and its name
# cut to 255 characters (by Django, keeping the extension); beyond it motcua.middleware answers
# with a message. A constant in Django, not a setting: raised here, once, at start-up.
MAX_PART_HEADER_BYTES = 16 * 1024


class MotcuaConfig(AppConfig):
    """The project's own plumbing: rate-limit counts kept in the database when the cache is
    down, and the size of upload headers Django accepts."""

    name = "motcua"
    verbose_name = "MotCua"

    def ready(self) -> None:
        multipartparser.MAX_TOTAL_HEADER_SIZE = max(
            multipartparser.MAX_TOTAL_HEADER_SIZE, MAX_PART_HEADER_BYTES
        )
