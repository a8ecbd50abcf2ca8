"""The fuzz campaign as a pytest module: ``pytest --kieswet-adapter CMD --kieswet-fuzz``.

``conformance.pytest_plugin`` collects this module when ``--kieswet-fuzz`` is given, under the
node id ``kieswet-fuzz`` (so ``-k kieswet-fuzz`` selects it): one item ``test_fuzz[OP-SHARD]``
per operation (``--kieswet-fuzz-operation``, default every one the fuzzer knows) and shard
(``--kieswet-fuzz-shards``, default the number of pytest-xdist workers, else 1). Each item is a
Hypothesis test (``conformance.fuzz_campaign.fuzz_test``) whose settings come from the
Hypothesis profile (``--hypothesis-profile kieswet-fuzz`` or ``kieswet-fuzz-night``); see
``conformance.fuzz_campaign`` for what an example does and docs/fuzzing.md for campaigns.
"""

from __future__ import annotations

import pytest

from conformance.fuzz_campaign import check_example, fuzz_test

test_fuzz = fuzz_test(check_example)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One item per selected operation and shard."""
    from conformance.pytest_plugin import fuzz_items

    operations, shards = fuzz_items(metafunc.config)
    cases = [(operation, shard) for operation in operations for shard in range(shards)]
    metafunc.parametrize(
        ("operation", "shard"), cases, ids=[f"{operation}-{shard}" for operation, shard in cases]
    )
