"""Tests of the programmes domain."""
