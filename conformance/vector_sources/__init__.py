"""Sources of the conformance vectors: hand-written cases and the seeded edge-case generator.

``handwritten`` holds the curated cases, each with its hand computation; ``generated`` the
deterministic edge-case generator. ``conformance.vectors_build`` turns both, and the published
results in ``tests/fixtures/real``, into the vector files under ``conformance/vectors``.
"""
