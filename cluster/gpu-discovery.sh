#!/usr/bin/env bash
# Spark GPU resource discovery: prints {"name":"gpu","addresses":[...]} with the indices nvidia-smi reports.
set -euo pipefail
ids=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | tr -d ' ' | paste -sd, - | sed 's/\([0-9]\+\)/"\1"/g')
echo "{\"name\":\"gpu\",\"addresses\":[${ids}]}"
