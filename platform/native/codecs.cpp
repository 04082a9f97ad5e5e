// The codec set of native builds: gzip and deflate (zlib), br (brotli) and
// zstd. Each codec decodes incrementally, through a fixed output buffer of
// kMaxPieceSize bytes, so it hands its sink at most one buffer at a time and
// never holds more than that however much a small input inflates.
#define ZLIB_CONST  // makes z_stream::next_in a pointer to const
#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <new>
#include <string>

#include "decoding/content_decoder.hpp"
#include "httpxx/errors.hpp"
#include "platform.hpp"

namespace httpxx::detail {

namespace {

constexpr std::size_t kPiece = ContentDecoder::kMaxPieceSize;

[[noreturn]] void throw_corrupt(std::string_view encoding, std::string_view what) {
  throw DecodingError("invalid " + std::string(encoding) + " data: " + std::string(what));
}

[[noreturn]] void throw_truncated(std::string_view encoding) {
  throw DecodingError("truncated " + std::string(encoding) +
                      " data: the body ended before the end of the compressed stream");
}

std::unique_ptr<char[]> make_piece_buffer() {
  return std::make_unique_for_overwrite<char[]>(kPiece);
}

// ---------------------------------------------------------------- gzip, deflate

// zlib's inflate for both gzip and deflate.
//
// gzip: concatenated members are decoded one after the other (RFC 1952 allows
// them; `gzip -d` and browsers read them all). Bytes after a member that do
// not start another one (no 1f 8b magic) are ignored, as zlib-based decoders
// (HTTPX's, urllib3's, gzip(1)) ignore trailing garbage.
//
// deflate: RFC 9110 means the zlib format (RFC 1950), but some servers send
// raw deflate (RFC 1951). The first two bytes tell them apart, as browsers
// do: a zlib header has CM = 8, a window of at most 32 KiB and a check value
// divisible by 31; anything else is taken as raw deflate. (Read as raw
// deflate, CM = 8 would be a stored block with a padding bit set, which
// encoders do not write.) Bytes after the end are ignored, as HTTPX ignores
// them.
class InflateDecoder final : public ContentDecoder {
 public:
  enum class Format { gzip, deflate };

  explicit InflateDecoder(Format format)
      : format_(format), state_(format == Format::gzip ? State::inflating : State::header) {
    // 15 + 16: a 32 KiB window with the gzip wrapper. For deflate the wrapper
    // is chosen once the first two bytes are in (see take_header).
    const int window_bits = format == Format::gzip ? 15 + 16 : 15;
    const int rc = inflateInit2(&z_, window_bits);
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK) throw_corrupt(name(), z_.msg != nullptr ? z_.msg : zError(rc));
  }
  ~InflateDecoder() override { inflateEnd(&z_); }
  InflateDecoder(const InflateDecoder&) = delete;
  InflateDecoder& operator=(const InflateDecoder&) = delete;

 private:
  enum class State {
    header,     // collecting 2 bytes: deflate's wrapper, or gzip's next member
    inflating,  // inside a deflate stream or a gzip member
    trailing,   // after the end: the rest is ignored
  };

  void do_decode(std::string_view input, const Sink& sink) override {
    if (!input.empty()) received_ = true;
    while (!input.empty()) {
      switch (state_) {
        case State::header:
          input = take_header(input, sink);
          break;
        case State::inflating:
          input = inflate_until_end(input, sink);
          break;
        case State::trailing:
          return;
      }
    }
  }

  void do_flush(const Sink&) override {
    // Output is passed on as soon as zlib has it, so there is nothing left
    // to pass; only whether the stream was complete is to be checked.
    if (state_ == State::inflating && received_) throw_truncated(name());
    // A lone byte after a complete gzip member is trailing garbage; a lone
    // byte of a deflate body is a stream cut short.
    if (state_ == State::header && format_ == Format::deflate && !header_.empty()) {
      throw_truncated(name());
    }
  }

  std::string_view take_header(std::string_view input, const Sink& sink) {
    const std::size_t n = std::min(2 - header_.size(), input.size());
    header_.append(input.substr(0, n));
    input.remove_prefix(n);
    if (header_.size() < 2) return input;

    const auto b0 = static_cast<unsigned char>(header_[0]);
    const auto b1 = static_cast<unsigned char>(header_[1]);
    if (format_ == Format::gzip) {
      if (b0 != 0x1f || b1 != 0x8b) {
        state_ = State::trailing;
        return {};
      }
      check(inflateReset(&z_));
    } else {
      const bool zlib_header = (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && (b0 * 256 + b1) % 31 == 0;
      if (!zlib_header) check(inflateReset2(&z_, -15));
    }
    state_ = State::inflating;
    const std::string header = std::move(header_);
    header_.clear();
    // Two bytes can end a stream (raw deflate of nothing is 03 00), which
    // moves state_ on; nothing of `header` is left over either way.
    inflate_until_end(header, sink);
    return input;
  }

  // Inflates until `input` is used up or the stream (member) ends; returns
  // the input left after the end.
  std::string_view inflate_until_end(std::string_view input, const Sink& sink) {
    while (!input.empty()) {
      // avail_in is 32 bits wide: feed a huge input in slices.
      const auto slice = static_cast<uInt>(std::min<std::size_t>(input.size(), UINT_MAX));
      z_.next_in = reinterpret_cast<const Bytef*>(input.data());
      z_.avail_in = slice;
      const bool ended = inflate_slice(sink);
      input.remove_prefix(slice - z_.avail_in);
      if (ended) {
        state_ = format_ == Format::gzip ? State::header : State::trailing;
        return input;
      }
    }
    return input;
  }

  // Runs inflate over z_'s input one piece of output at a time; true if the
  // stream ended.
  bool inflate_slice(const Sink& sink) {
    for (;;) {
      z_.next_out = reinterpret_cast<Bytef*>(out_.get());
      z_.avail_out = static_cast<uInt>(kPiece);
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_NEED_DICT) throw_corrupt(name(), "a preset dictionary is required");
      if (rc == Z_MEM_ERROR) throw std::bad_alloc();
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        throw_corrupt(name(), z_.msg != nullptr ? z_.msg : zError(rc));
      }
      if (rc == Z_BUF_ERROR && z_.avail_in != 0) {
        throw_corrupt(name(), "the decoder made no progress");
      }
      const std::size_t produced = kPiece - z_.avail_out;
      if (produced != 0) sink(std::string_view(out_.get(), produced));
      if (rc == Z_STREAM_END) return true;
      // A full buffer may mean more output is waiting; otherwise zlib
      // needs more input. Z_BUF_ERROR: no progress was possible.
      if (z_.avail_in == 0 && (z_.avail_out != 0 || rc == Z_BUF_ERROR)) return false;
    }
  }

  void check(int rc) {
    if (rc != Z_OK) throw_corrupt(name(), zError(rc));
  }

  [[nodiscard]] std::string_view name() const {
    return format_ == Format::gzip ? "gzip" : "deflate";
  }

  Format format_;
  State state_;
  z_stream z_{};
  std::string header_;
  bool received_ = false;
  std::unique_ptr<char[]> out_ = make_piece_buffer();
};

// --------------------------------------------------------------------------- br

struct BrotliStateDeleter {
  void operator()(BrotliDecoderState* state) const noexcept { BrotliDecoderDestroyInstance(state); }
};

// Brotli (RFC 7932). Bytes after the end of the stream are an error, as for
// the reference decoder.
class BrotliDecoder final : public ContentDecoder {
 public:
  BrotliDecoder() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {
    if (!state_) throw std::bad_alloc();
  }

 private:
  void do_decode(std::string_view input, const Sink& sink) override {
    if (input.empty()) return;
    received_ = true;
    if (finished_) throw_corrupt("br", "data after the end of the stream");
    auto next_in = reinterpret_cast<const std::uint8_t*>(input.data());
    std::size_t avail_in = input.size();
    for (;;) {
      auto next_out = reinterpret_cast<std::uint8_t*>(out_.get());
      std::size_t avail_out = kPiece;
      const BrotliDecoderResult result = BrotliDecoderDecompressStream(
          state_.get(), &avail_in, &next_in, &avail_out, &next_out, nullptr);
      if (result == BROTLI_DECODER_RESULT_ERROR) {
        throw_corrupt("br", BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_.get())));
      }
      const std::size_t produced = kPiece - avail_out;
      if (produced != 0) sink(std::string_view(out_.get(), produced));
      if (result == BROTLI_DECODER_RESULT_SUCCESS) {
        finished_ = true;
        if (avail_in != 0) throw_corrupt("br", "data after the end of the stream");
        return;
      }
      if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return;
      // BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: go round with an empty buffer.
    }
  }

  void do_flush(const Sink&) override {
    if (received_ && !finished_) throw_truncated("br");
  }

  std::unique_ptr<BrotliDecoderState, BrotliStateDeleter> state_;
  bool received_ = false;
  bool finished_ = false;
  std::unique_ptr<char[]> out_ = make_piece_buffer();
};

// ------------------------------------------------------------------------- zstd

struct ZstdContextDeleter {
  void operator()(ZSTD_DCtx* context) const noexcept { ZSTD_freeDCtx(context); }
};

// RFC 9659: for the "zstd" content coding, encoders must not need a window
// above 8 MiB and decoders must accept up to that. Refusing larger windows
// keeps a hostile frame from making us allocate up to zstd's default 128 MiB.
constexpr int kZstdWindowLogMax = 23;

// Zstandard (RFC 8878): any number of frames, one after the other; skippable
// frames are skipped by the library.
//
// Each frame's header is gathered here and handed to the library in one
// buffer of its own, for two reasons the fuzzer found in libzstd 1.5.4:
// - The pre-1.0 ("legacy", v0.1 to v0.7) frame formats, which are not the
//   zstd content coding, were decoded only when their magic number came in
//   one input buffer ("Unknown frame descriptor" otherwise). They are refused.
// - When a header had begun in an earlier buffer, the library's single-pass
//   shortcut parsed the current buffer as if a frame started there: bytes
//   inside a frame could pass for a whole (skippable) frame, and the same
//   body decoded differently depending on how the network cut it. A header
//   given alone leaves nothing after it for the shortcut to misread.
// And one more, with the header given alone: the library's streaming path
// does not compare a frame's output with the content size its header
// declares when the last block is empty, so a frame declaring 589 bytes and
// holding none decoded to nothing. The declared size is checked here.
class ZstdDecoder final : public ContentDecoder {
 public:
  ZstdDecoder() : context_(ZSTD_createDCtx()) {
    if (!context_) throw std::bad_alloc();
    const std::size_t rc =
        ZSTD_DCtx_setParameter(context_.get(), ZSTD_d_windowLogMax, kZstdWindowLogMax);
    if (ZSTD_isError(rc) != 0) throw_corrupt("zstd", ZSTD_getErrorName(rc));
  }

 private:
  static constexpr std::size_t kMagicSize = 4;

  void do_decode(std::string_view input, const Sink& sink) override {
    if (input.empty()) return;
    received_ = true;
    while (!input.empty()) {
      if (in_frame_) {
        input = feed(input, sink);
        continue;
      }
      // Gather the next frame's header; its size is known from its first
      // 4 bytes (a skippable frame), else from the 5th (the descriptor).
      for (;;) {
        const std::size_t need = header_size();
        if (header_.size() >= need) break;
        if (input.empty()) return;
        const std::size_t take = std::min(need - header_.size(), input.size());
        header_.append(input.substr(0, take));
        input.remove_prefix(take);
      }
      in_frame_ = true;
      const std::string header = std::move(header_);
      header_.clear();
      declared_ = ZSTD_getFrameContentSize(header.data(), header.size());
      produced_ = 0;
      (void)feed(header, sink);  // all of it is used (an empty skippable frame ends here)
    }
  }

  // How many bytes of the next frame's header `header_` must hold before
  // it goes to the library: 5 until the descriptor is known, then the whole
  // header (RFC 8878 section 3.1.1.1). Refuses a legacy frame.
  [[nodiscard]] std::size_t header_size() const {
    if (header_.size() < kMagicSize) return kMagicSize;
    const auto byte = [this](std::size_t i) { return static_cast<unsigned char>(header_[i]); };
    if (byte(1) == 0xB5 && byte(2) == 0x2F && byte(3) == 0xFD && byte(0) >= 0x21 &&
        byte(0) <= 0x27) {
      throw_corrupt("zstd", "a pre-1.0 (legacy) zstd frame is not the zstd content coding");
    }
    if (byte(1) == 0x2A && byte(2) == 0x4D && byte(3) == 0x18 && (byte(0) & 0xF0) == 0x50) {
      return 8;  // skippable: magic and a 4-byte length
    }
    if (header_.size() == kMagicSize) return kMagicSize + 1;
    const unsigned descriptor = byte(kMagicSize);
    const bool single_segment = ((descriptor >> 5) & 1) != 0;
    static constexpr std::size_t kDictionaryId[] = {0, 1, 2, 4};
    static constexpr std::size_t kContentSize[] = {0, 2, 4, 8};
    const unsigned fcs_flag = descriptor >> 6;
    const std::size_t content_size = fcs_flag == 0 && single_segment ? 1 : kContentSize[fcs_flag];
    return kMagicSize + 1 + (single_segment ? 0 : 1) + kDictionaryId[descriptor & 3] + content_size;
  }

  // Decodes `input` up to the end of the current frame; returns what follows
  // it (empty if the frame goes on past `input`).
  std::string_view feed(std::string_view input, const Sink& sink) {
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    for (;;) {
      ZSTD_outBuffer out{out_.get(), kPiece, 0};
      const std::size_t before = in.pos;
      const std::size_t rc = ZSTD_decompressStream(context_.get(), &out, &in);
      if (ZSTD_isError(rc) != 0) throw_corrupt("zstd", ZSTD_getErrorName(rc));
      produced_ += out.pos;
      if (declared_ < ZSTD_CONTENTSIZE_ERROR && produced_ > declared_) throw_size_mismatch();
      if (out.pos != 0) sink(std::string_view(out_.get(), out.pos));
      const bool progress = in.pos != before || out.pos != 0;
      // 0: the frame is complete and all its output has been handed over.
      // A call that did nothing says nothing new: it is the one made after a
      // frame ended exactly at the end of the buffer (its output a multiple
      // of kPiece).
      if (progress && rc == 0) {
        if (declared_ < ZSTD_CONTENTSIZE_ERROR && produced_ != declared_) throw_size_mismatch();
        in_frame_ = false;
        return input.substr(in.pos);
      }
      // A full buffer may mean more output is waiting.
      if (in.pos == in.size && out.pos < out.size) return {};
      if (!progress) {
        if (in.pos == in.size) return {};
        throw_corrupt("zstd", "the decoder made no progress");
      }
    }
  }

  [[noreturn]] static void throw_size_mismatch() {
    throw_corrupt("zstd", "a frame's output differs from the content size its header declares");
  }

  void do_flush(const Sink&) override {
    // Inside a frame, or part of the next one's header.
    if (received_ && (in_frame_ || !header_.empty())) throw_truncated("zstd");
  }

  std::unique_ptr<ZSTD_DCtx, ZstdContextDeleter> context_;
  bool received_ = false;
  bool in_frame_ = false;  // the library holds a frame begun and not ended
  std::string header_;     // the next frame's header, until it is whole
  // The current frame's declared content size (or ZSTD_CONTENTSIZE_UNKNOWN;
  // 0 for a skippable frame) and what it has decoded to so far.
  unsigned long long declared_ = ZSTD_CONTENTSIZE_UNKNOWN;
  unsigned long long produced_ = 0;
  std::unique_ptr<char[]> out_ = make_piece_buffer();
};

}  // namespace

std::unique_ptr<ContentDecoder> make_codec(std::string_view name) {
  if (name == "gzip" || name == "x-gzip") {
    return std::make_unique<InflateDecoder>(InflateDecoder::Format::gzip);
  }
  if (name == "deflate") return std::make_unique<InflateDecoder>(InflateDecoder::Format::deflate);
  if (name == "br") return std::make_unique<BrotliDecoder>();
  if (name == "zstd") return std::make_unique<ZstdDecoder>();
  return nullptr;
}

std::string_view accepted_encodings() noexcept { return "gzip, deflate, br, zstd"; }

}  // namespace httpxx::detail
