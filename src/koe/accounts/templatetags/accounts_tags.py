"""Template helpers of the accounts pages: a summary of form errors that names each field."""

from django import template

register = template.Library()


@register.inclusion_tag("accounts/_form_errors.html")
def form_errors(form):
    """Every error of ``form`` in one list, each naming its field (services name it already)."""
    items = []
    if form is not None and form.errors:
        for name, errors in form.errors.as_data().items():
            label = form.fields[name].label if name in form.fields else None
            for error in errors:
                for message in error.messages:
                    named = error.code == "service" or not label
                    items.append(message if named else f"{label}: {message}")
    return {"items": items}
