"""Questions edited on the page form, inside their group: one question a line.

Django's admin cannot nest inlines, so a question group's inline form carries its
questions as lines of text; saving the page form saves them with the group, in the same
revision and under the same edit check as the rest of the page.
"""

from django import forms
from django.core.exceptions import ValidationError

from monographs.models import Question, QuestionGroup

MAX_QUESTIONS = 30


class QuestionGroupInlineForm(forms.ModelForm):
    questions = forms.CharField(
        label="Questions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One question a line, in the order readers see them; each ends with a question mark.",
    )

    class Meta:
        model = QuestionGroup
        fields = ("order", "heading", "intro")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["questions"] = "\n".join(self.instance.questions.values_list("text", flat=True))

    def clean_questions(self):
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]
        if len(lines) > MAX_QUESTIONS:
            raise ValidationError(f"Keep a group to {MAX_QUESTIONS} questions; start another group for more.")
        limit = Question._meta.get_field("text").max_length
        for number, line in enumerate(lines, start=1):
            if len(line) > limit:
                raise ValidationError(f"Question {number} is longer than {limit} characters.")
            if not line.endswith("?"):
                raise ValidationError(
                    f"Question {number} (“{line[:80]}”) is not written as a question: end it with a question mark."
                )
        return lines

    def _save_m2m(self):
        # Runs once the group is saved, whether the formset saved with commit or without.
        super()._save_m2m()
        if "questions" in self.changed_data:
            self._save_questions(self.cleaned_data["questions"])

    def _save_questions(self, lines):
        """Keep each existing question row in its place (its history stays with it); add or remove the rest."""
        existing = list(self.instance.questions.order_by("order", "pk"))
        for order, text in enumerate(lines, start=1):
            if existing:
                question = existing.pop(0)
                if (question.order, question.text) != (order, text):
                    question.order, question.text = order, text
                    question.save()
            else:
                Question.objects.create(group=self.instance, order=order, text=text)
        for question in existing:
            question.delete()
