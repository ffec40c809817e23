from django import template
from django.utils.safestring import mark_safe

from monographs.rendering import render_cache, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, snapshot=None):
    """`{{ section.body|markdown:snapshot }}`: figure references resolve from that snapshot only,
    and the glossary terms it carries are linked at their first use on its page."""
    return render_markdown(text, snapshot)


@register.tag
def snapshot_part(parser, token):
    """`{% snapshot_part content_hash [value ...] %}...{% endsnapshot_part %}`: a part of a page
    made from its snapshot alone (and the values named after the hash), rendered once per
    process and kept (monographs.rendering.RenderCache). Without a content hash (a preview
    of a working copy) the part is rendered every time.

    Nothing inside may depend on the request, the site settings or anything else a
    publication's row holds: the next request with the same hash is served what is kept.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes the snapshot's content hash.")
    nodelist = parser.parse(("endsnapshot_part",))
    parser.delete_first_token()
    return SnapshotPartNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class SnapshotPartNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        content_hash, *values = (value.resolve(context) for value in self.vary_on)
        if not content_hash:
            return self.nodelist.render(context)
        # The template and the place in it, so two parts of one page are kept apart.
        key = "\n".join([self.origin.name, str(self.token.lineno), str(content_hash), *map(repr, values)])
        return mark_safe(render_cache.part(key, lambda: self.nodelist.render(context)))
