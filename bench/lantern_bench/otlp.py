"""A hand-written encoder for the few OTLP/protobuf messages the benchmark sends (no protobuf package).

Messages (opentelemetry/proto/collector/trace/v1/trace_service.proto and friends):
  ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
  ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
  Resource      { repeated KeyValue attributes = 1; }
  ScopeSpans    { InstrumentationScope scope = 1; repeated Span spans = 2; }
  InstrumentationScope { string name = 1; string version = 2; }
  Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
         fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
         Status status = 15; }
  KeyValue { string key = 1; AnyValue value = 2; }
  AnyValue { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
             ArrayValue array_value = 5; }
  ArrayValue { repeated AnyValue values = 1; }
"""
import struct
from dataclasses import dataclass, field


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 values are sent as their two's complement
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _tag(number: int, wire_type: int) -> bytes:
    return _varint(number << 3 | wire_type)


def _len_field(number: int, payload: bytes) -> bytes:
    return _tag(number, 2) + _varint(len(payload)) + payload


def _str_field(number: int, text: str) -> bytes:
    return _len_field(number, text.encode())


def any_value(value) -> bytes:
    """Encodes str, bool, int, float or a list of those as an AnyValue."""
    if isinstance(value, bool):
        return _tag(2, 0) + _varint(int(value))
    if isinstance(value, int):
        return _tag(3, 0) + _varint(value)
    if isinstance(value, float):
        return _tag(4, 1) + struct.pack("<d", value)
    if isinstance(value, (list, tuple)):
        return _len_field(5, b"".join(_len_field(1, any_value(item)) for item in value))
    return _str_field(1, str(value))


def key_value(key: str, value) -> bytes:
    return _str_field(1, key) + _len_field(2, any_value(value))


def _attributes(number: int, attributes: dict) -> bytes:
    return b"".join(_len_field(number, key_value(k, v)) for k, v in attributes.items())


@dataclass
class Span:
    trace_id: bytes          # 16 bytes
    span_id: bytes           # 8 bytes
    name: str
    start_ns: int
    end_ns: int
    parent_span_id: bytes = b""
    kind: int = 1            # SPAN_KIND_INTERNAL
    attributes: dict = field(default_factory=dict)

    def encode(self) -> bytes:
        out = _len_field(1, self.trace_id) + _len_field(2, self.span_id)
        if self.parent_span_id:
            out += _len_field(4, self.parent_span_id)
        out += _str_field(5, self.name) + _tag(6, 0) + _varint(self.kind)
        out += _tag(7, 1) + struct.pack("<Q", self.start_ns) + _tag(8, 1) + struct.pack("<Q", self.end_ns)
        out += _attributes(9, self.attributes)
        return out + _len_field(15, _tag(3, 0) + _varint(1))  # Status { code = STATUS_CODE_OK }


def export_request(spans, resource_attributes: dict, scope_name: str = "langfuse-sdk", scope_version: str = "3.6.0") -> bytes:
    """One ExportTraceServiceRequest with one ResourceSpans and one ScopeSpans holding `spans`."""
    scope = _str_field(1, scope_name) + _str_field(2, scope_version)
    scope_spans = _len_field(1, scope) + b"".join(_len_field(2, span.encode()) for span in spans)
    resource = _attributes(1, resource_attributes)
    resource_spans = _len_field(1, resource) + _len_field(2, scope_spans)
    return _len_field(1, resource_spans)
