#!/bin/sh
# Airbyte runs a source image with the protocol command as its arguments: `spec`, `check --config F`,
# `discover --config F`, `read --config F --catalog F [--state F]`. Hand them to `intercom-sync airbyte`;
# anything else is refused with a TRACE ERROR on stdout, as the protocol wants. INTERCOM_SYNC_BIN overrides
# the binary (tests run the entrypoint against the sources).
set -eu
bin="${INTERCOM_SYNC_BIN:-/usr/local/bin/intercom-sync}"
command="${1:-}"
case "$command" in
  spec | check | discover | read)
    # exec: the connector's exit code and signals are the binary's own.
    exec "$bin" airbyte "$@"
    ;;
  *)
    now=$(date +%s)000
    printf '{"type":"TRACE","trace":{"type":"ERROR","emitted_at":%s,"error":{"message":"unknown Airbyte command \\"%s\\": expected spec, check, discover or read","failure_type":"config_error"}}}\n' \
      "$now" "$(printf '%s' "$command" | tr -d '"\\\n' | cut -c1-40)"
    exit 1
    ;;
esac
