#pragma once
// Content decoding (RFC 9110 Content-Encoding) for response bodies.
//
// A decoder turns encoded bytes into decoded bytes incrementally: decode()
// per chunk, flush() at the end. The codecs (gzip, deflate, br, zstd) belong
// to the platform (platform.hpp: `make_codec`): the native one has them; the
// browser's fetch decodes by itself, so the wasm platform has none.
//
// Output leaves a decoder in pieces of at most kMaxPieceSize bytes, through a
// sink. That is what lets the size limit stop a decompression bomb: the limit
// sees every piece before it is passed on, so a few bytes of input that would
// inflate to gigabytes (or a chain like "gzip, gzip" that multiplies ratios)
// never produce more than the limit plus one piece, in memory or in the
// caller's string.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace httpxx::detail {

class ContentDecoder {
 public:
  /// Receives decoded output, one non-empty piece at a time.
  using Sink = std::function<void(std::string_view piece)>;

  /// The most a codec hands its sink in one piece.
  static constexpr std::size_t kMaxPieceSize = 64 * 1024;

  virtual ~ContentDecoder() = default;

  /// Decodes `input`, passing the output to `sink` piece by piece. Throws
  /// `DecodingError` for corrupt data, and lets whatever `sink` throws pass.
  /// After any exception the decoder is spent: later calls throw
  /// `DecodingError`.
  void decode(std::string_view input, const Sink& sink);
  /// Decodes `input`, appending the output to `out`. Throws as above.
  void decode(std::string_view input, std::string& out);
  /// The input has ended: passes on what is left; throws `DecodingError` if
  /// the encoded data was cut short.
  void flush(const Sink& sink);
  /// The input has ended: appends what is left to `out`. Throws as above.
  void flush(std::string& out);

 private:
  // What each codec implements; the public functions add the "spent" state.
  virtual void do_decode(std::string_view input, const Sink& sink) = 0;
  virtual void do_flush(const Sink& sink) = 0;

  bool spent_ = false;
};

/// Makes one codec by its lower-case name, or returns nullptr for a name it
/// does not know.
using CodecFactory = std::function<std::unique_ptr<ContentDecoder>(std::string_view name)>;

/// The decoder for a Content-Encoding header value: the listed encodings
/// undone in reverse order; "identity" and unknown names are passed over
/// (as HTTPX does). Returns nullptr when nothing is to be decoded. Throws
/// `DecodingError` for more than 5 encodings. If `max_decoded_size` is not
/// 0, the decoder throws `DecodingError` before its output would exceed it.
std::unique_ptr<ContentDecoder> make_content_decoder(std::string_view content_encoding,
                                                     std::uint64_t max_decoded_size);

/// As above, with the codecs made by `factory` instead of `make_codec` (the
/// tests use it to check the chain and the limit with fake codecs).
std::unique_ptr<ContentDecoder> make_content_decoder(std::string_view content_encoding,
                                                     std::uint64_t max_decoded_size,
                                                     const CodecFactory& factory);

}  // namespace httpxx::detail
