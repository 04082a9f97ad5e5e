#include "decoding/content_decoder.hpp"

#include <vector>

#include "httpxx/errors.hpp"

namespace httpxx::detail {

namespace {

constexpr std::size_t kMaxEncodings = 5;

// Undoes several encodings: the last one applied is the first undone.
class ChainDecoder final : public ContentDecoder {
 public:
  explicit ChainDecoder(std::vector<std::unique_ptr<ContentDecoder>> stages)
      : stages_(std::move(stages)) {}

  void decode(std::string_view input, std::string& out) override { run(0, input, out, false); }
  void flush(std::string& out) override { run(0, {}, out, true); }

 private:
  void run(std::size_t i, std::string_view input, std::string& out, bool flushing) {
    if (i + 1 == stages_.size()) {
      if (!input.empty()) stages_[i]->decode(input, out);
      if (flushing) stages_[i]->flush(out);
      return;
    }
    std::string middle;
    if (!input.empty()) stages_[i]->decode(input, middle);
    if (flushing) stages_[i]->flush(middle);
    run(i + 1, middle, out, flushing);
  }
  std::vector<std::unique_ptr<ContentDecoder>> stages_;
};

// Stops decompression bombs: counts decoded bytes against a limit.
class LimitedDecoder final : public ContentDecoder {
 public:
  LimitedDecoder(std::unique_ptr<ContentDecoder> inner, std::uint64_t limit)
      : inner_(std::move(inner)), limit_(limit) {}
  void decode(std::string_view input, std::string& out) override {
    auto before = out.size();
    inner_->decode(input, out);
    count(out.size() - before);
  }
  void flush(std::string& out) override {
    auto before = out.size();
    inner_->flush(out);
    count(out.size() - before);
  }

 private:
  void count(std::uint64_t n) {
    total_ += n;
    if (total_ > limit_) {
      throw DecodingError("decoded body exceeds the limit of " + std::to_string(limit_) +
                          " bytes (max_decoded_size)");
    }
  }
  std::unique_ptr<ContentDecoder> inner_;
  std::uint64_t limit_;
  std::uint64_t total_ = 0;
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
  std::vector<std::string> names;
  while (!content_encoding.empty()) {
    auto comma = content_encoding.find(',');
    std::string name = lower_trimmed(content_encoding.substr(0, comma));
    content_encoding = comma == std::string_view::npos ? std::string_view{}
                                                       : content_encoding.substr(comma + 1);
    if (!name.empty() && name != "identity") names.push_back(std::move(name));
  }
  if (names.size() > kMaxEncodings) {
    throw DecodingError("too many content encodings (" + std::to_string(names.size()) +
                        ", at most " + std::to_string(kMaxEncodings) + ")");
  }
  std::vector<std::unique_ptr<ContentDecoder>> stages;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (auto codec = make_codec(*it)) stages.push_back(std::move(codec));
  }
  if (stages.empty()) return nullptr;
  std::unique_ptr<ContentDecoder> decoder =
      stages.size() == 1 ? std::move(stages.front())
                         : std::make_unique<ChainDecoder>(std::move(stages));
  if (max_decoded_size != 0) {
    decoder = std::make_unique<LimitedDecoder>(std::move(decoder), max_decoded_size);
  }
  return decoder;
}

}  // namespace httpxx::detail
