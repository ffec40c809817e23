"""Tags that write a public page's structured data (public.structured_data) into its head."""

from django import template

from .. import structured_data

register = template.Library()


def _organisation(context):
    site = context.get("site")
    return getattr(site, "organisation", "") or ""


@register.simple_tag(takes_context=True)
def medical_web_page(context, publication, snapshot):
    return structured_data.script(
        structured_data.medical_web_page(context["request"], publication, snapshot, _organisation(context))
    )


@register.simple_tag(takes_context=True)
def website(context):
    return structured_data.script(structured_data.website(context["request"], _organisation(context)))


@register.simple_tag(takes_context=True)
def collection_page(context, name, description, publications):
    return structured_data.script(structured_data.collection_page(context["request"], name, description, publications))
