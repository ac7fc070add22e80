"""Per-article extraction: one module per extractor, composed by ``pipeline``."""
from .pipeline import DEFAULT_COMPONENTS, Context, Failure, Pipeline, component

__all__ = ["DEFAULT_COMPONENTS", "Context", "Failure", "Pipeline", "component"]
