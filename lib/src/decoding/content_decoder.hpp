#pragma once
// Content decoding (RFC 9110 Content-Encoding) for response bodies.
//
// A decoder turns encoded bytes into decoded bytes incrementally: decode()
// per chunk, flush() at the end. The codecs (gzip, deflate, br, zstd) are
// compiled in where their libraries exist (native builds); builds whose
// transport decodes by itself (the browser's fetch) have none.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace httpxx::detail {

class ContentDecoder {
 public:
  virtual ~ContentDecoder() = default;
  /// Decodes `input`, appending the output to `out`. Throws `DecodingError`.
  virtual void decode(std::string_view input, std::string& out) = 0;
  /// The input has ended: appends what is left; throws `DecodingError` if
  /// the encoded data was cut short.
  virtual void flush(std::string& out) = 0;
};

/// One codec by its lower-case name ("gzip", "x-gzip", "deflate", "br",
/// "zstd"), or nullptr if this build has no such codec. Defined by the
/// codec set linked into the build.
std::unique_ptr<ContentDecoder> make_codec(std::string_view name);

/// The Accept-Encoding value this build can honour ("" if none). Defined by
/// the codec set linked into the build.
std::string_view accepted_encodings() noexcept;

/// The decoder for a Content-Encoding header value: the listed encodings
/// undone in reverse order; "identity" and unknown names are passed over
/// (as HTTPX does). Returns nullptr when nothing is to be decoded. Throws
/// `DecodingError` for more than 5 encodings. If `max_decoded_size` is not
/// 0, the decoder throws `DecodingError` once its output would exceed it.
std::unique_ptr<ContentDecoder> make_content_decoder(std::string_view content_encoding,
                                                     std::uint64_t max_decoded_size);

}  // namespace httpxx::detail
