from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "dossiers"

    def ready(self) -> None:
        # Until satisfaction is its own app (issue 10, item 5), it registers its link here.
        from . import links
        from .ratings import rating_url

        links.register_returned_link(rating_url)
