import re

from django.core.exceptions import ValidationError


class UsernamePasswordValidator:
    """Rejects a password that contains the user name or is built from it.

    Django's UserAttributeSimilarityValidator compares the whole password with the name,
    so "editor2editor2" passes it for user editor2. Here the name (at least min_length
    characters; for an email address, its part before the @ too) may not appear in the
    password, forwards or backwards, ignoring case and separators ("Editor-2.editor").
    """

    def __init__(self, min_length=3):
        self.min_length = min_length

    def validate(self, password, user=None):
        if user is None:
            return
        squeezed = _letters_and_digits(password)
        for name in self._names(user):
            if name in squeezed or name[::-1] in squeezed:
                raise ValidationError(
                    "The password must not contain your user name, in any form.",
                    code="password_contains_username",
                )

    def _names(self, user):
        username = str(user.get_username() or "")
        names = {_letters_and_digits(username), _letters_and_digits(username.partition("@")[0])}
        return [name for name in names if len(name) >= self.min_length]

    def get_help_text(self):
        return "Your password can’t contain your user name."


def _letters_and_digits(text):
    return re.sub(r"[\W_]+", "", text.casefold())
