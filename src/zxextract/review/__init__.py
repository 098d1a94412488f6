"""The review site: every record's number highlighted in its clean text, the
checks beside them, charts of the facts. `build_review` is the entry point."""

from .site import ReviewSummary, build_review

__all__ = ["ReviewSummary", "build_review"]
