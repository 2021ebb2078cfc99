#!/usr/bin/env bash
# Start what the tests need. Nothing yet; connectors add PostgreSQL here.
set -euo pipefail
