#!/usr/bin/env bash
# Regenerates Sources/Generated/*.pb.swift from the OTLP .proto files (run by hand, never by the build).
#
# Needs protoc (apt-get install -y protobuf-compiler) and protoc-gen-swift built from swift-protobuf 1.39.0,
# the version Package.swift depends on. Both are fetched/built here when missing.
#
# Environment:
#   OTLP_PROTO_ROOT   folder holding opentelemetry/proto/... (default: ../../../shared/reference/opentelemetry-proto
#                     relative to this script, i.e. /work/shared/reference/opentelemetry-proto)
#   PROTOC_GEN_SWIFT  path of a ready protoc-gen-swift binary (default: built into /tmp/swift-protobuf)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
proto_root="${OTLP_PROTO_ROOT:-$here/../../../shared/reference/opentelemetry-proto}"
out="$here/Sources/Generated"
protobuf_version="1.39.0"

if ! command -v protoc >/dev/null 2>&1; then
    apt-get install -y protobuf-compiler
fi

plugin="${PROTOC_GEN_SWIFT:-}"
if [[ -z "$plugin" ]]; then
    checkout=/tmp/swift-protobuf
    if [[ ! -d "$checkout/.git" ]]; then
        git clone https://github.com/apple/swift-protobuf.git "$checkout"
    fi
    git -C "$checkout" checkout -q "$protobuf_version"
    swift build -c release --package-path "$checkout" --product protoc-gen-swift
    plugin="$(swift build -c release --package-path "$checkout" --show-bin-path)/protoc-gen-swift"
fi

protos=(
    opentelemetry/proto/common/v1/common.proto
    opentelemetry/proto/resource/v1/resource.proto
    opentelemetry/proto/trace/v1/trace.proto
    opentelemetry/proto/collector/trace/v1/trace_service.proto
)

rm -f "$out"/*.pb.swift
mkdir -p "$out"
protoc \
    --plugin=protoc-gen-swift="$plugin" \
    --proto_path="$proto_root" \
    --swift_out="$out" \
    --swift_opt=Visibility=Internal \
    --swift_opt=FileNaming=PathToUnderscores \
    "${protos[@]}"

echo "generated:"
ls -1 "$out"
