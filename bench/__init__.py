"""The showcase benchmark: `make bench` (python -m bench.run). See README, "Benchmark"."""
