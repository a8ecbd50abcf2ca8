"""Adapters: processes that speak ``kieswet-adapter@1`` for an implementation under test.

``serve`` is the protocol loop every Python adapter here shares; ``reference_adapter`` wraps the
reference engine; ``osv2020`` translates to the OSV2020 apportionment wrapper's own protocol.
"""
