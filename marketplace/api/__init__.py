"""The JSON API (/api/v1), calling the same services as the pages."""
