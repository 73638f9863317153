#ifndef LANTERN_OTEL_ZLIB_SHIM_H
#define LANTERN_OTEL_ZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro; this wraps it for Swift. 16 + MAX_WBITS: gzip framing only (RFC 1952).
static inline int lantern_otel_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}

#endif
