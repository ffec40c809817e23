"""Settings of the site as a publisher, edited in the admin."""

from django.core.cache import cache
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from .fields import EditVersioned

CACHE_KEY = "site-settings"


class SiteSettings(EditVersioned):
    """The one row of publisher details every public page shows."""

    organisation = models.CharField(max_length=200, default="Oncology Drug Information")
    tagline = models.CharField(max_length=200, blank=True)
    address = models.TextField(
        blank=True, validators=[MaxLengthValidator(1_000)], help_text="Postal address, one line per line"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    emergency_notice = models.TextField(
        validators=[MaxLengthValidator(1_000)],
        default=(
            "In an emergency, call your local emergency number or poison control now. "
            "Do not wait for an answer from this site."
        ),
    )

    reading_grade_target = models.PositiveSmallIntegerField(
        "target reading grade",
        default=8,
        validators=[MinValueValidator(3), MaxValueValidator(16)],
        help_text="US school grade patient text should read at or below (NIH: 8; AMA: 6). "
        "A section above it gets a warning for editors and reviewers.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self):
        return self.organisation

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    def delete(self, *args, **kwargs):
        cache.delete(CACHE_KEY)
        return super().delete(*args, **kwargs)

    @classmethod
    def load(cls):
        settings = cache.get(CACHE_KEY)
        if settings is None:
            settings = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(CACHE_KEY, settings, 300)
        return settings
