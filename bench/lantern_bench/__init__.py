"""Lantern benchmark suite (see bench/README.md). Python standard library only; wrk does the throughput runs."""
