"""Storage: the schema (``schema``) and the ``Database`` that reads and writes it."""
from .db import DEFAULT_URL, Database, SchemaVersionError, normalise_url

__all__ = ["DEFAULT_URL", "Database", "SchemaVersionError", "normalise_url"]
