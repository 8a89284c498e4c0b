"""Helpers shared by the scripts, the benchmarks and the tests."""
