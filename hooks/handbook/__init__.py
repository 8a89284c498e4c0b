"""Plain, MkDocs-independent helpers behind the handbook's build hooks (hooks/handbook_hooks.py).

Each module takes plain data (strings, dicts, sets) and returns findings or values, so it can be
unit-tested without a build and moved to another site generator unchanged.
"""
