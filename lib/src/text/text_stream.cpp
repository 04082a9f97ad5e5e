#include "httpxx/text_stream.hpp"

#include "httpxx/response.hpp"
#include "text/text_decoder.hpp"

namespace httpxx {

TextStream::TextStream(std::unique_ptr<ByteStream> bytes, const std::string& encoding)
    : bytes_(std::move(bytes)), decoder_(std::make_unique<detail::TextDecoder>(encoding)) {}
TextStream::TextStream(TextStream&&) noexcept = default;
TextStream& TextStream::operator=(TextStream&&) noexcept = default;
TextStream::~TextStream() = default;

Task<std::optional<std::string>> TextStream::next() {
  while (!done_) {
    std::optional<std::string> bytes = co_await bytes_->next();
    std::string text;
    if (bytes) {
      text = decoder_->decode(*bytes);
    } else {
      done_ = true;
      text = decoder_->flush();
    }
    if (!text.empty()) co_return text;
  }
  co_return std::nullopt;
}

LineStream::LineStream(TextStream text)
    : text_(std::move(text)), decoder_(std::make_unique<detail::LineDecoder>()) {}
LineStream::LineStream(LineStream&&) noexcept = default;
LineStream& LineStream::operator=(LineStream&&) noexcept = default;
LineStream::~LineStream() = default;

Task<std::optional<std::string>> LineStream::next() {
  for (;;) {
    if (next_ready_ < ready_.size()) co_return std::move(ready_[next_ready_++]);
    ready_.clear();
    next_ready_ = 0;
    if (done_) co_return std::nullopt;
    std::optional<std::string> text = co_await text_.next();
    if (text) {
      decoder_->decode(*text, ready_);
    } else {
      done_ = true;
      decoder_->flush(ready_);
    }
  }
}

}  // namespace httpxx
