"""Hypothesis settings profiles for the project's tests.

Three profiles are registered:

``default``
    About 100 examples per property (Hypothesis' own default), a generous deadline, and the
    local example database, so a failure found once is replayed first next time.
``ci``
    Deterministic and quick: 50 examples per property, ``derandomize=True`` (the examples are a
    fixed function of the test, so every CI run tries the same ones), no example database,
    no deadline (shared CI machines have noisy timing), and the failing example printed in a
    form that can be pasted into ``@example``.
``deep``
    A long search: 5 000 examples per property, no deadline. Opt in with
    ``HYPOTHESIS_PROFILE=deep python -m pytest tests/test_properties.py``.

Which profile is loaded: the one named by the environment variable ``HYPOTHESIS_PROFILE`` if it
is set; otherwise ``ci`` when the environment variable ``CI`` is ``true`` (as GitHub Actions,
GitLab CI and most other CI systems set it); otherwise ``default``. Hypothesis' own pytest
option ``--hypothesis-profile NAME`` still takes precedence over all of these.
Tests use ``@settings`` only where a property needs something specific; everything else follows
the loaded profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Verbosity, settings

# Every profile states ``derandomize`` itself: Hypothesis loads its own built-in ``ci`` profile
# when it detects a CI environment, and a profile registered then would inherit from it.
settings.register_profile("default", max_examples=100, deadline=1_000, derandomize=False)
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    # Derandomized runs may generate the same filtered-out examples every time.
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "deep",
    max_examples=5_000,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow],
    verbosity=Verbosity.normal,
)


def _profile_name() -> str:
    explicit = os.environ.get("HYPOTHESIS_PROFILE")
    if explicit:
        return explicit
    if os.environ.get("CI", "").lower() == "true":
        return "ci"
    return "default"


settings.load_profile(_profile_name())
