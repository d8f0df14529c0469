"""Module text: Markdown made safe (the policies app's renderer: markdown, then nh3)."""

from koe.policies.rendering import markdown_html

__all__ = ["markdown_html"]
