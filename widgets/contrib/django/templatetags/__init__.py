"""Template tag libraries of the Django app."""
