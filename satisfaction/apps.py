from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "satisfaction"

    def ready(self) -> None:
        from dossiers.links import register_returned_link

        from .links import rating_url

        # The "returned" message links to the survey; dossiers never imports this app.
        register_returned_link(rating_url)
