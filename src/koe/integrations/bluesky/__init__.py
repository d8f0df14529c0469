"""The Bluesky (AT Protocol) plug-in: follows watched accounts through the firehose."""

from .connector import BlueskyConnector

__all__ = ["BlueskyConnector"]
