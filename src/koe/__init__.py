"""Koe (声): self-hosted social media governance."""

__version__ = "0.1.0"
