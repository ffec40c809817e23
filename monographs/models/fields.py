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
