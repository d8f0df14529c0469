"""Connections to social networks: one small plug-in per network behind one interface
(``base.Connector``), loaded lazily by name from ``base.CONNECTORS``."""
