#pragma once
/// \file
/// `URL` and `QueryParams`. Parsing is done by Boost.URL (RFC 3986) in the
/// library; this header stays free of it.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httpxx {

/// Ordered, multi-valued query parameters (decoded names and values).
class QueryParams {
 public:
  /// A name and its value, decoded.
  using Param = std::pair<std::string, std::string>;
  /// Iterates over the parameters in order.
  using const_iterator = std::vector<Param>::const_iterator;

  QueryParams() = default;
  /// `QueryParams{{"q", "x y"}, {"page", "2"}}`: the parameters, in order.
  QueryParams(std::initializer_list<Param> params) : params_(params) {}

  /// Appends a parameter (keeps existing ones of that name).
  void add(std::string_view name, std::string_view value);
  /// Replaces every parameter of that name by one.
  void set(std::string_view name, std::string_view value);
  /// Removes every parameter of that name; returns how many.
  std::size_t remove(std::string_view name);
  /// The first value of `name`, or nullopt.
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  /// Every value of `name`, in order.
  [[nodiscard]] std::vector<std::string> get_list(std::string_view name) const;
  /// True if there is no parameter.
  [[nodiscard]] bool empty() const noexcept { return params_.empty(); }
  /// The number of parameters (a repeated name counts each time).
  [[nodiscard]] std::size_t size() const noexcept { return params_.size(); }
  /// The first parameter: `for (const auto& [name, value] : params)`.
  [[nodiscard]] const_iterator begin() const noexcept { return params_.begin(); }
  /// Past the last parameter.
  [[nodiscard]] const_iterator end() const noexcept { return params_.end(); }

  /// `application/x-www-form-urlencoded` form: `a=1&b=x+y`.
  [[nodiscard]] std::string encode() const;
  /// Parses an encoded query string (`+` is a space). Throws `InvalidURL`
  /// on malformed percent-escapes.
  static QueryParams parse(std::string_view query);

  /// Equal if the same parameters in the same order.
  friend bool operator==(const QueryParams&, const QueryParams&) = default;

 private:
  std::vector<Param> params_;
};

/// An absolute or relative URL, normalised and validated on construction.
///
/// Scheme and host are lower-cased; characters that may not appear in a URL
/// (spaces, non-ASCII bytes, `"<>` …) are percent-encoded in the path,
/// query and fragment; control characters (CR, LF, NUL, …) anywhere are
/// refused with `InvalidURL`, as are malformed authorities and ports.
/// Internationalised (non-ASCII) host names are refused too.
class URL {
 public:
  /// The empty relative URL.
  URL() = default;
  /// Parses `text`. Throws `InvalidURL`. Implicit, as HTTPX accepts a
  /// string wherever a URL is expected.
  URL(std::string_view text);  // NOLINT(google-explicit-constructor)
  /// Parses `text`, as `URL(std::string_view)`. Throws `InvalidURL`.
  URL(const char* text) : URL(std::string_view(text)) {}  // NOLINT
  /// Parses `text`, as `URL(std::string_view)`. Throws `InvalidURL`.
  URL(const std::string& text) : URL(std::string_view(text)) {}  // NOLINT

  /// "http", "https", … (lower case), or empty for a relative URL.
  [[nodiscard]] const std::string& scheme() const noexcept { return scheme_; }
  /// The host without brackets (IPv6 `::1`), lower case; empty if none.
  [[nodiscard]] const std::string& host() const noexcept { return host_; }
  /// The port written in the URL, if any.
  [[nodiscard]] std::optional<std::uint16_t> port() const noexcept { return port_; }
  /// The port written, or the scheme's default (80, 443); 0 if unknown.
  [[nodiscard]] std::uint16_t effective_port() const noexcept;
  /// Percent-decoded user name and password of the userinfo, if any.
  [[nodiscard]] std::string username() const;
  /// The percent-decoded password of the userinfo (empty if none).
  [[nodiscard]] std::string password() const;
  /// The encoded path ("" for "http://a", kept as given).
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// The encoded query without '?', and whether a '?' was present.
  [[nodiscard]] const std::string& query() const noexcept { return query_; }
  /// True if the URL has a '?' (even with an empty query).
  [[nodiscard]] bool has_query() const noexcept { return has_query_; }
  /// The encoded fragment without '#'.
  [[nodiscard]] const std::string& fragment() const noexcept { return fragment_; }
  /// The query decoded into parameters.
  [[nodiscard]] QueryParams params() const;

  /// The request target: path (at least "/") and query.
  [[nodiscard]] std::string target() const;
  /// `host` or `host:port` as a Host header says it (the port only when it
  /// is not the scheme's default; IPv6 in brackets).
  [[nodiscard]] std::string host_header() const;
  /// "scheme://host[:port]", the origin of an absolute URL.
  [[nodiscard]] std::string origin() const;
  /// True if the URL has a scheme.
  [[nodiscard]] bool is_absolute() const noexcept { return !scheme_.empty(); }
  /// True if the URL has no scheme (the opposite of `is_absolute()`).
  [[nodiscard]] bool is_relative() const noexcept { return scheme_.empty(); }

  /// Resolves `reference` against this URL (RFC 3986 section 5), as for
  /// `base_url` and `Location`. Throws `InvalidURL`.
  [[nodiscard]] URL join(const URL& reference) const;
  /// A copy with `params` appended to the query.
  [[nodiscard]] URL with_params(const QueryParams& params) const;
  /// A copy with the fragment removed.
  [[nodiscard]] URL without_fragment() const;
  /// A copy with the userinfo removed.
  [[nodiscard]] URL without_userinfo() const;

  /// The whole normalised URL.
  [[nodiscard]] const std::string& str() const noexcept { return text_; }
  /// Equal if the normalised texts (`str()`) are equal.
  friend bool operator==(const URL& a, const URL& b) noexcept { return a.text_ == b.text_; }

 private:
  void assign(std::string text);
  std::string text_;
  std::string scheme_, userinfo_, host_, path_, query_, fragment_;
  std::optional<std::uint16_t> port_;
  bool has_query_ = false;
  bool has_authority_ = false;
};

}  // namespace httpxx
