from django.apps import AppConfig


class MonographsConfig(AppConfig):
    name = "monographs"
    verbose_name = "Drugs, evidence and pages"

    def ready(self):
        from . import versioning  # noqa: F401  registers models with django-reversion
