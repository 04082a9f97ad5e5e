#pragma once
/// \file
/// `TextStream` and `LineStream`: a response body as text, chunk by chunk
/// or line by line (HTTPX's `aiter_text()` and `aiter_lines()`). Made by
/// `Response::text_stream()` and `Response::lines()`.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "httpxx/task.hpp"

namespace httpxx {

class ByteStream;

namespace detail {
class TextDecoder;
class LineDecoder;
}  // namespace detail

/// The decoded body as UTF-8 text, chunk by chunk:
/// `while (auto text = co_await s.next())`. A character split across body
/// chunks comes out whole; invalid bytes become U+FFFD. Holds its response
/// alive; must itself outlive each `next()` it awaits.
class TextStream {
 public:
  /// Moves the stream; the moved-from one may only be destroyed or assigned to.
  TextStream(TextStream&&) noexcept;
  /// Move assignment.
  TextStream& operator=(TextStream&&) noexcept;
  ~TextStream();

  /// The next piece of text (never empty), or nullopt at the end. Throws
  /// what `ByteStream::next()` throws.
  [[nodiscard]] Task<std::optional<std::string>> next();

 private:
  friend class Response;
  TextStream(std::unique_ptr<ByteStream> bytes, const std::string& encoding);
  std::unique_ptr<ByteStream> bytes_;
  std::unique_ptr<detail::TextDecoder> decoder_;
  bool done_ = false;
};

/// The body's text, line by line, without the line endings ("\n", "\r\n"
/// or "\r", wherever the body's chunks split them). A last line without an
/// ending is yielded too; an empty body yields no line. Holds its response
/// alive; must itself outlive each `next()` it awaits.
class LineStream {
 public:
  /// Moves the stream; the moved-from one may only be destroyed or assigned to.
  LineStream(LineStream&&) noexcept;
  /// Move assignment.
  LineStream& operator=(LineStream&&) noexcept;
  ~LineStream();

  /// The next line, or nullopt at the end. Throws what
  /// `ByteStream::next()` throws.
  [[nodiscard]] Task<std::optional<std::string>> next();

 private:
  friend class Response;
  explicit LineStream(TextStream text);
  TextStream text_;
  std::unique_ptr<detail::LineDecoder> decoder_;
  std::vector<std::string> ready_;
  std::size_t next_ready_ = 0;
  bool done_ = false;
};

}  // namespace httpxx
