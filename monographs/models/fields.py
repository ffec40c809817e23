from django.db import models


class EditorTextField(models.TextField):
    """Editor text with Unix line endings.

    Browsers send a textarea's lines joined by CRLF; stored as they come, an admin save
    that changed nothing would still change the page's snapshot and its hash.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            return value.replace("\r\n", "\n").replace("\r", "\n")
        return value

    def pre_save(self, model_instance, add):
        value = self.to_python(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class EditVersioned(models.Model):
    """A row editors change in the admin: two editors saving it from one state cannot both win.

    Every admin save raises edit_version by one; a save based on an older value is refused
    (monographs.forms.EditVersionForm, through monographs.admin.history.EditConflictMixin).
    """

    edit_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True
