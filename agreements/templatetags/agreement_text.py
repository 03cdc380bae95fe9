"""Template filter for the body text of an agreement template section.

The text is plain: paragraphs are separated by a blank line, a line starting with "- " is a list
item (an indented line continues it), and a line starting with "### " is a sub-heading. Hard line
breaks inside a paragraph are only wrapping and become spaces. Everything is escaped.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _render(text: str, heading_level: int) -> str:
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph():
        if paragraph:
            out.append(f"<p>{escape(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_items():
        if items:
            out.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            flush_paragraph()
            flush_items()
        elif stripped.startswith("### "):
            flush_paragraph()
            flush_items()
            heading = stripped[4:].strip()
            out.append(f"<h{heading_level}>{escape(heading)}</h{heading_level}>")
        elif stripped.startswith("- "):
            flush_paragraph()
            items.append(stripped[2:].strip())
        elif items and line[:1].isspace():
            items[-1] = f"{items[-1]} {stripped}"
        else:
            flush_items()
            paragraph.append(stripped)
    flush_paragraph()
    flush_items()
    return "\n".join(out)


@register.filter
def agreement_text(value, heading_level=4) -> SafeString:
    """{{ section.body|agreement_text:4 }} → paragraphs, lists and <h4> sub-headings, escaped."""
    level = min(max(int(heading_level), 2), 6)
    # Every piece of the text has been escaped by _render; only our own tags are left unescaped.
    return mark_safe(_render(str(value or ""), level))  # noqa: S308  # nosec B308, B703
