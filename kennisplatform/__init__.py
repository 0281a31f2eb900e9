"""Project configuration: settings, root URLs and the WSGI/ASGI entry points.

The package is called ``kennisplatform`` and not ``platform``: a package named ``platform``
would shadow Python's standard ``platform`` module, which Django imports at start-up.
"""
