"""API keys for integrations and Open311 clients: created once, stored as a hash."""
