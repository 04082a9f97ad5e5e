#include "decoding/content_decoder.hpp"

#include <vector>

#include "httpxx/errors.hpp"
#include "limit_errors.hpp"
#include "platform.hpp"

namespace httpxx::detail {

// ------------------------------------------------------------ ContentDecoder

void ContentDecoder::decode(std::string_view input, const Sink& sink) {
  if (spent_) throw DecodingError("cannot decode: the content decoder failed earlier");
  try {
    do_decode(input, sink);
  } catch (...) {
    // The codec's state no longer matches the input (part of a chunk may
    // have been consumed), so nothing after this point could be trusted.
    spent_ = true;
    throw;
  }
}

void ContentDecoder::decode(std::string_view input, std::string& out) {
  decode(input, [&out](std::string_view piece) { out.append(piece); });
}

void ContentDecoder::flush(const Sink& sink) {
  if (spent_) throw DecodingError("cannot decode: the content decoder failed earlier");
  try {
    do_flush(sink);
  } catch (...) {
    spent_ = true;
    throw;
  }
}

void ContentDecoder::flush(std::string& out) {
  flush([&out](std::string_view piece) { out.append(piece); });
}

namespace {

constexpr std::size_t kMaxEncodings = 5;

// Undoes several encodings: the last one applied is the first undone. Each
// stage's pieces go straight into the next stage, so no stage's whole output
// is ever held in memory.
class ChainDecoder final : public ContentDecoder {
 public:
  explicit ChainDecoder(std::vector<std::unique_ptr<ContentDecoder>> stages)
      : stages_(std::move(stages)) {}

 private:
  void do_decode(std::string_view input, const Sink& sink) override { feed(0, input, sink); }
  void do_flush(const Sink& sink) override {
    // Flushing a stage may still produce input for the later stages, so
    // they are flushed in order, after it.
    for (std::size_t i = 0; i < stages_.size(); ++i) {
      stages_[i]->flush([&](std::string_view piece) { feed(i + 1, piece, sink); });
    }
  }

  void feed(std::size_t i, std::string_view input, const Sink& sink) {
    if (i == stages_.size()) {
      if (!input.empty()) sink(input);
      return;
    }
    stages_[i]->decode(input, [&](std::string_view piece) { feed(i + 1, piece, sink); });
  }

  std::vector<std::unique_ptr<ContentDecoder>> stages_;
};

// Stops decompression bombs: counts every piece against the limit before
// passing it on.
class LimitedDecoder final : public ContentDecoder {
 public:
  LimitedDecoder(std::unique_ptr<ContentDecoder> inner, std::uint64_t limit)
      : inner_(std::move(inner)), limit_(limit) {}

 private:
  void do_decode(std::string_view input, const Sink& sink) override {
    inner_->decode(input, [&](std::string_view piece) { pass(piece, sink); });
  }
  void do_flush(const Sink& sink) override {
    inner_->flush([&](std::string_view piece) { pass(piece, sink); });
  }

  void pass(std::string_view piece, const Sink& sink) {
    if (piece.size() > limit_ - total_) {
      throw decoded_size_exceeded(limit_);
    }
    total_ += piece.size();
    sink(piece);
  }

  std::unique_ptr<ContentDecoder> inner_;
  std::uint64_t limit_;
  std::uint64_t total_ = 0;  // never above limit_
};

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

}  // namespace

std::unique_ptr<ContentDecoder> make_content_decoder(std::string_view content_encoding,
                                                     std::uint64_t max_decoded_size) {
  return make_content_decoder(content_encoding, max_decoded_size, make_codec);
}

std::unique_ptr<ContentDecoder> make_content_decoder(std::string_view content_encoding,
                                                     std::uint64_t max_decoded_size,
                                                     const CodecFactory& factory) {
  std::vector<std::string> names;
  while (!content_encoding.empty()) {
    auto comma = content_encoding.find(',');
    std::string name = lower_trimmed(content_encoding.substr(0, comma));
    content_encoding =
        comma == std::string_view::npos ? std::string_view{} : content_encoding.substr(comma + 1);
    if (!name.empty() && name != "identity") names.push_back(std::move(name));
  }
  if (names.size() > kMaxEncodings) {
    throw DecodingError("too many content encodings (" + std::to_string(names.size()) +
                        ", at most " + std::to_string(kMaxEncodings) + ")");
  }
  std::vector<std::unique_ptr<ContentDecoder>> stages;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (auto codec = factory(*it)) stages.push_back(std::move(codec));
  }
  if (stages.empty()) return nullptr;
  std::unique_ptr<ContentDecoder> decoder = stages.size() == 1
                                                ? std::move(stages.front())
                                                : std::make_unique<ChainDecoder>(std::move(stages));
  if (max_decoded_size != 0) {
    decoder = std::make_unique<LimitedDecoder>(std::move(decoder), max_decoded_size);
  }
  return decoder;
}

}  // namespace httpxx::detail
