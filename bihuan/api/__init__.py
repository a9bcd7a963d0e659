"""The REST API, /api/v1/: the same services and permission checks as the web pages."""
