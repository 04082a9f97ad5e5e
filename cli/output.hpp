#pragma once
/// \file
/// What the CLI prints on stdout: request and response heads, bodies and the
/// summary lines of `--parallel`; and the one-line error messages of stderr.

#include <chrono>
#include <cstdint>
#include <exception>
#include <httpxx/httpxx.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace httpxx::cli {

/// The name of the most specific httpxx exception class `e` is ("ReadTimeout").
[[nodiscard]] std::string_view error_name(const Error& e);
/// "error: <ExceptionName>: <message>" for httpxx errors, "error: <message>"
/// for others (no newline); "error" is red when `colour`.
[[nodiscard]] std::string error_line(const std::exception& e, bool colour);

/// The body size `Content-Length` announces, if it also is the size the
/// CLI will see (no content coding in between).
[[nodiscard]] std::optional<std::uint64_t> expected_body_size(const Response& r);

/// True if `response` declares a media type that is not text (so that its
/// body is shown as a placeholder when formatted, and need not be buffered).
[[nodiscard]] bool declares_binary(const Response& response);

/// Writes heads and bodies to one stream, coloured or plain.
class Printer {
 public:
  Printer(std::ostream& out, bool colour) : out_(out), colour_(colour) {}

  /// "GET /path HTTP/1.1" (with the version the answer came in), the headers as sent, a blank
  /// line.
  void request_head(const Request& request, std::string_view version);
  /// The body of `request` (formatted as `body` does when `pretty`, else
  /// as sent), then a blank line; nothing when it has none.
  void request_body(const Request& request, bool pretty);
  /// "HTTP/1.1 200 OK" (the status coloured by class), the headers (names
  /// cyan), a blank line.
  void response_head(const Response& response);
  /// The body of a response that was read: pretty JSON for a JSON media
  /// type, text for a textual one, "<N bytes of binary data>" otherwise;
  /// a newline after it unless it ends with one.
  void body(const Response& response);
  /// "<N bytes of binary data>" and a newline.
  void binary_placeholder(std::uint64_t size);
  /// Writes `bytes` as they are (a body printed as received).
  void raw(std::string_view bytes);
  /// One line of `--parallel`: the URL padded to `url_width`, then the
  /// status (padded to `status_width`), body size and time; or the error.
  void summary(std::string_view url, std::size_t url_width, const Response* response,
               std::size_t status_width, std::uint64_t bytes, std::chrono::nanoseconds elapsed,
               std::string_view error);

 private:
  std::string status(int code, std::string_view reason) const;
  // Writes `text`, and a newline unless it ends with one; flushes.
  void line_end(std::string_view text);
  std::ostream& out_;
  bool colour_;
};

}  // namespace httpxx::cli
