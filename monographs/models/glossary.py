"""Terms a patient may not know, with a plain definition: shared data like drugs and trials.

A page that uses a term carries its definition in its snapshot, so the reviewer signs
the definition the reader will see; the first use of the term on the page is marked
up with it (monographs.glossary).
"""

from django.core.exceptions import ValidationError
from django.db import models

from .fields import EditVersioned


class GlossaryTerm(EditVersioned):
    term = models.CharField(max_length=80, unique=True, help_text="As pages write it, e.g. hazard ratio")
    slug = models.SlugField(max_length=80, unique=True)
    aliases = models.CharField(
        max_length=300, blank=True, help_text="Other ways pages write it, comma-separated, e.g. HR, hazard ratios"
    )
    pronunciation = models.CharField(
        max_length=120, blank=True, help_text="How to say it, in plain syllables, e.g. HAY-zerd RAY-shee-oh"
    )
    definition = models.TextField(max_length=600, help_text="One or two plain sentences, no Markdown")

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def alias_list(self):
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]

    def clean(self):
        names = [self.term, *self.alias_list]
        if any(len(name) < 2 for name in names):
            raise ValidationError({"aliases": "A term or alias needs at least two characters."})
        clash = GlossaryTerm.objects.exclude(pk=self.pk)
        for other in clash:
            shared = {n.lower() for n in names} & {n.lower() for n in [other.term, *other.alias_list]}
            if shared:
                raise ValidationError(
                    {"aliases": f"{', '.join(sorted(shared))} already names the term {other.term!r}."}
                )
