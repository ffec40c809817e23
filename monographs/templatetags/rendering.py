from django import template

from monographs.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, snapshot=None):
    """`{{ section.body|markdown:snapshot }}`: figure references resolve from that snapshot only."""
    return render_markdown(text, snapshot)
