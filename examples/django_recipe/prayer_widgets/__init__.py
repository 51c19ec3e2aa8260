"""A tiny Django app that exposes the prayer strip and the related-news list as template tags."""
