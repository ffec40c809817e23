from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public website"

    def ready(self):
        from . import page_cache, signals

        # Everything a public page shows besides its snapshot: the publications (its own,
        # and others' in its related pages), the site's chrome, its reviewer's profile link.
        for model in ("reviews.Publication", "monographs.SiteSettings", "reviews.ReviewerProfile"):
            for signal in (post_save, post_delete):
                signal.connect(page_cache.shown_data_changed, sender=model)
        post_save.connect(signals.publication_saved, sender="reviews.Publication")
        post_delete.connect(signals.publication_deleted, sender="reviews.Publication")
        post_migrate.connect(signals.index_missing, sender=self)
