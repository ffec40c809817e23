from django import template

from monographs.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, snapshot=None):
    """`{{ section.body|markdown:snapshot }}`: figure references resolve from that snapshot only,
    and the glossary terms it carries are linked at their first use on its page."""
    return render_markdown(text, snapshot)
