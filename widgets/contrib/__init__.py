"""Integrations with web frameworks: ``widgets.contrib.django`` and ``widgets.contrib.flask``.

Each is imported only by a site that uses the framework; the package itself
does not depend on Django or Flask.
"""
