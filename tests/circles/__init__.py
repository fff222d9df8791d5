"""Tests of the exchange circles domain."""
