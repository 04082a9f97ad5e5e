#include "httpxx/url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <boost/url/url_view.hpp>

#include "httpxx/errors.hpp"
#include "text/ascii.hpp"

namespace httpxx {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool is_unreserved(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_escaped(std::string& out, unsigned char c) {
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// Form encoding of one name or value: unreserved kept, space as '+'.
void form_encode(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      append_escaped(out, c);
    }
  }
}

// Decodes %XX escapes (malformed ones are kept as they are) and, in form
// data, '+' as a space.
std::string percent_decode(std::string_view s, bool plus_is_space = false) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string form_decode(std::string_view s) { return percent_decode(s, true); }

std::uint16_t default_port(std::string_view scheme) noexcept {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  return 0;
}

using detail::ascii::lower;

// Refuses control characters; percent-encodes what RFC 3986 does not allow
// to appear literally (spaces, non-ASCII bytes, a few ASCII marks) and lone
// '%' signs, as browsers and HTTPX do, so that such URLs can still be used.
std::string prepare(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      throw InvalidURL("invalid character (code " + std::to_string(c) + ") in URL");
    }
    if (c == '%') {
      bool escape =
          i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0;
      out += escape ? "%" : "%25";
      continue;
    }
    if (c >= 0x80 || c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      append_escaped(out, c);
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

// "scheme:" followed by one single character that cannot begin a path:
// Boost.URL 1.81 counts a path segment there that is not, and trips an
// assertion (an abort in debug builds). Returns that character, or 0.
char lone_delimiter_after_scheme(std::string_view text) {
  if (text.size() < 3 || text[text.size() - 2] != ':') return 0;
  const std::string_view scheme = text.substr(0, text.size() - 2);
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(scheme.front())) return 0;
  for (char c : scheme) {
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return 0;
  }
  const char last = text.back();
  return last == '?' || last == '#' || last == '[' || last == ']' ? last : 0;
}

}  // namespace

// ---------------------------------------------------------------- QueryParams

void QueryParams::add(std::string_view name, std::string_view value) {
  params_.emplace_back(std::string(name), std::string(value));
}

void QueryParams::set(std::string_view name, std::string_view value) {
  remove(name);
  add(name, value);
}

std::size_t QueryParams::remove(std::string_view name) {
  return std::erase_if(params_, [&](const Param& p) { return p.first == name; });
}

std::optional<std::string> QueryParams::get(std::string_view name) const {
  for (const auto& [n, v] : params_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> QueryParams::get_list(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : params_) {
    if (n == name) out.push_back(v);
  }
  return out;
}

std::string QueryParams::encode() const {
  std::string out;
  for (const auto& [name, value] : params_) {
    if (!out.empty()) out += '&';
    form_encode(out, name);
    out += '=';
    form_encode(out, value);
  }
  return out;
}

QueryParams QueryParams::parse(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out.add(form_decode(pair.substr(0, eq)),
            eq == std::string_view::npos ? std::string{} : form_decode(pair.substr(eq + 1)));
  }
  return out;
}

// ------------------------------------------------------------------------ URL

URL::URL(std::string_view text) { assign(prepare(text)); }

void URL::assign(std::string text) {
  if (const char lone = lone_delimiter_after_scheme(text)) {
    if (lone == '[' || lone == ']') {
      throw InvalidURL("invalid URL '" + text + "': '" + lone + "' after the scheme");
    }
    // "http:?", "http:#": the scheme and an empty query or fragment, no
    // host, no path. Read as the scheme alone, which keeps Boost.URL away
    // from it and every URL derived from one (without_fragment of "a:?#").
    text.pop_back();
  }
  auto parsed = boost::urls::parse_uri_reference(text);
  if (!parsed) {
    throw InvalidURL("invalid URL '" + text + "': " + parsed.error().message());
  }
  boost::urls::url_view u = *parsed;
  scheme_ = lower(u.scheme());
  has_authority_ = u.has_authority();
  userinfo_ = u.has_userinfo() ? std::string(u.encoded_userinfo()) : std::string{};
  std::string host(u.encoded_host());
  if (u.host_type() == boost::urls::host_type::ipv6) {
    host = std::string(u.encoded_host_address());
  } else if (u.host_type() == boost::urls::host_type::ipvfuture) {
    throw InvalidURL("invalid URL '" + text + "': IPvFuture hosts are not supported");
  }
  if (host.find('%') != std::string::npos) {
    throw InvalidURL("invalid URL '" + text +
                     "': non-ASCII or escaped host names are not supported");
  }
  host_ = lower(host);
  port_.reset();
  if (u.has_port()) {
    std::string_view digits = u.port();
    if (!digits.empty()) {
      if (digits.size() > 5) throw InvalidURL("invalid port in URL '" + text + "'");
      unsigned value = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') throw InvalidURL("invalid port in URL '" + text + "'");
        value = value * 10 + static_cast<unsigned>(c - '0');
      }
      if (value > 65535) throw InvalidURL("invalid port in URL '" + text + "'");
      port_ = static_cast<std::uint16_t>(value);
    }
  }
  path_ = std::string(u.encoded_path());
  // RFC 3986 3.3: after an authority the path is empty or starts with '/'.
  // (Boost.URL 1.81 accepts "host:12ab/" as port 12 and path "ab/".)
  if (has_authority_ && !path_.empty() && path_.front() != '/') {
    throw InvalidURL("invalid URL '" + text + "': bad port or authority");
  }
  has_query_ = u.has_query();
  query_ = std::string(u.encoded_query());
  fragment_ = u.has_fragment() ? std::string(u.encoded_fragment()) : std::string{};

  // Rebuild the normalised text.
  std::string out;
  if (!scheme_.empty()) {
    out += scheme_;
    out += ':';
  }
  if (has_authority_) {
    out += "//";
    if (!userinfo_.empty()) {
      out += userinfo_;
      out += '@';
    }
    out += u.host_type() == boost::urls::host_type::ipv6 ? "[" + host_ + "]" : host_;
    if (port_) {
      out += ':';
      out += std::to_string(*port_);
    }
  }
  out += path_;
  if (has_query_) {
    out += '?';
    out += query_;
  }
  if (u.has_fragment()) {
    out += '#';
    out += fragment_;
  }
  text_ = std::move(out);
}

std::uint16_t URL::effective_port() const noexcept {
  return port_ ? *port_ : default_port(scheme_);
}

std::string URL::username() const {
  return percent_decode(std::string_view(userinfo_).substr(0, userinfo_.find(':')));
}

std::string URL::password() const {
  auto colon = userinfo_.find(':');
  return colon == std::string::npos ? std::string{}
                                    : percent_decode(std::string_view(userinfo_).substr(colon + 1));
}

QueryParams URL::params() const { return QueryParams::parse(query_); }

std::string URL::target() const {
  std::string out = path_.empty() ? "/" : path_;
  if (has_query_) {
    out += '?';
    out += query_;
  }
  return out;
}

std::string URL::host_header() const {
  std::string out = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  if (port_ && *port_ != default_port(scheme_)) {
    out += ':';
    out += std::to_string(*port_);
  }
  return out;
}

std::string URL::origin() const {
  std::string out =
      scheme_ + "://" + (host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_);
  if (port_ && *port_ != default_port(scheme_)) {
    out += ':';
    out += std::to_string(*port_);
  }
  return out;
}

URL URL::join(const URL& reference) const {
  if (!is_absolute()) throw InvalidURL("cannot join onto the relative URL '" + text_ + "'");
  boost::urls::url dest;
  // A network-path reference ("//host/p") takes only the scheme of the
  // base (RFC 3986 section 5.2.2), so it is resolved against the scheme
  // alone. That also keeps clear of a Boost.URL 1.81 bug: giving an
  // authority to a base that has none and a path of percent-escapes
  // ("s:%41%41") trips an assertion (an abort in debug builds).
  const bool network_path = reference.has_authority_ && reference.scheme_.empty();
  const std::string scheme_only = scheme_ + ":";
  auto base = boost::urls::parse_uri(network_path ? scheme_only : text_);
  auto ref = boost::urls::parse_uri_reference(reference.text_);
  if (!base || !ref) throw InvalidURL("cannot join '" + reference.text_ + "' onto '" + text_ + "'");
  auto r = boost::urls::resolve(*base, *ref, dest);
  if (!r) throw InvalidURL("cannot join '" + reference.text_ + "' onto '" + text_ + "'");
  URL out;
  out.assign(std::string(dest.buffer()));
  return out;
}

URL URL::with_params(const QueryParams& params) const {
  if (params.empty()) return *this;
  std::string extra = params.encode();
  std::string text = text_;
  std::string fragment;
  if (auto hash = text.find('#'); hash != std::string::npos) {
    fragment = text.substr(hash);
    text.erase(hash);
  }
  if (!has_query_) {
    text += '?';
  } else if (!query_.empty()) {
    text += '&';
  }
  text += extra;
  URL out;
  out.assign(text + fragment);
  return out;
}

URL URL::without_fragment() const {
  auto hash = text_.find('#');
  if (hash == std::string::npos) return *this;
  URL out;
  out.assign(text_.substr(0, hash));
  return out;
}

URL URL::without_userinfo() const {
  if (userinfo_.empty()) return *this;
  std::string text = text_;
  auto at = text.find(userinfo_ + "@");
  text.erase(at, userinfo_.size() + 1);
  URL out;
  out.assign(text);
  return out;
}

}  // namespace httpxx
