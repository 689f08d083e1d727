"""Benchmarks: scripts that run the package on annotated corpora and print figures."""
