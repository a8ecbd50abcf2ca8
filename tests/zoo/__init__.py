"""The zoo: an independently written ``allocate`` engine and its deliberately wrong variants.

See ``tests/zoo/engine.py`` and ``tests/test_zoo.py``; docs/mutation.md, "The zoo of wrong
engines".
"""
