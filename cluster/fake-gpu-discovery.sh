#!/usr/bin/env bash
# Pretends to find two GPUs, so GPU scheduling (one GPU per task, ND4J device binding) is testable on CPU.
echo '{"name":"gpu","addresses":["0","1"]}'
