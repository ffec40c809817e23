from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Medical review and publication"

    def ready(self):
        from . import notifications  # noqa: F401  connects the email receivers
