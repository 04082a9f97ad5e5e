#include "httpxx/auth.hpp"

#include <cctype>
#include <cstdio>
#include <random>
#include <vector>

#include "hash.hpp"
#include "httpxx/headers.hpp"
#include "text/ascii.hpp"

namespace httpxx {

namespace {

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

using detail::ascii::lower;

bool is_space(char c) { return c == ' ' || c == '\t'; }

using HashHex = std::string (*)(std::string_view);

// The hash of a Digest `algorithm` (lower case), with or without `-sess`:
// the names HTTPX knows (RFC 7616 section 6.1 registers MD5, SHA-256 and
// SHA-512-256; "SHA" and "SHA-512" are what servers such as httpbin send).
// Null for any other name.
HashHex digest_hash(std::string_view algorithm) {
  if (algorithm.ends_with("-sess")) algorithm.remove_suffix(5);
  if (algorithm == "md5") return detail::md5_hex;
  if (algorithm == "sha") return detail::sha1_hex;
  if (algorithm == "sha-256") return detail::sha256_hex;
  if (algorithm == "sha-512") return detail::sha512_hex;
  return nullptr;
}

// The auth-params of a challenge: `name=token` or `name="quoted \" string"`,
// separated by commas (RFC 9110 section 11.2).
std::vector<std::pair<std::string, std::string>> parse_params(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) ++i;
    std::size_t name_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ',' && !is_space(s[i])) ++i;
    std::string name = lower(s.substr(name_start, i - name_start));
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') continue;
    ++i;
    while (i < s.size() && is_space(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value += s[i++];
      }
      ++i;
    } else {
      std::size_t start = i;
      while (i < s.size() && s[i] != ',' && !is_space(s[i])) ++i;
      value = std::string(s.substr(start, i - start));
    }
    if (!name.empty()) params.emplace_back(std::move(name), std::move(value));
  }
  return params;
}

}  // namespace

BasicAuth::BasicAuth(std::string username, std::string password)
    : username_(std::move(username)), password_(std::move(password)) {}

std::string BasicAuth::header_value() const {
  return "Basic " + base64(username_ + ":" + password_);
}

Task<Response> BasicAuth::flow(Request request, const AuthSend& send) {
  request.headers().set("Authorization", header_value());
  co_return co_await send(std::move(request));
}

FunctionAuth::FunctionAuth(std::function<void(Request&)> function)
    : function_(std::move(function)) {}

Task<Response> FunctionAuth::flow(Request request, const AuthSend& send) {
  function_(request);
  co_return co_await send(std::move(request));
}

DigestAuth::DigestAuth(std::string username, std::string password)
    : username_(std::move(username)), password_(std::move(password)) {}

std::string DigestAuth::make_cnonce() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(engine()));
  return buffer;
}

bool DigestAuth::parse_challenge(const Response& response) {
  for (const std::string& field : response.headers().get_list("WWW-Authenticate")) {
    std::string_view value = field;
    if (value.size() < 7 || lower(value.substr(0, 7)) != "digest ") continue;
    Challenge challenge;
    challenge.algorithm = "MD5";
    for (auto& [name, param] : parse_params(value.substr(7))) {
      if (name == "realm")
        challenge.realm = param;
      else if (name == "nonce")
        challenge.nonce = param;
      else if (name == "opaque")
        challenge.opaque = param;
      else if (name == "algorithm")
        challenge.algorithm = param;
      else if (name == "qop")
        challenge.qop = param;
    }
    if (challenge.nonce.empty() || digest_hash(lower(challenge.algorithm)) == nullptr) continue;
    if (!challenge.qop.empty()) {
      // Pick auth over auth-int; nothing else is understood.
      bool auth = false, auth_int = false;
      std::string_view rest = challenge.qop;
      while (!rest.empty()) {
        std::size_t comma = rest.find(',');
        std::string option = lower(rest.substr(0, comma));
        while (!option.empty() && is_space(option.front())) option.erase(0, 1);
        while (!option.empty() && is_space(option.back())) option.pop_back();
        auth = auth || option == "auth";
        auth_int = auth_int || option == "auth-int";
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      if (!auth && !auth_int) continue;
      challenge.qop = auth ? "auth" : "auth-int";
    }
    challenge_ = std::move(challenge);
    nonce_count_ = 0;
    return true;
  }
  return false;
}

std::string DigestAuth::authorization(const Request& request) {
  const Challenge& c = *challenge_;
  const std::string algorithm = lower(c.algorithm);
  const bool sess = algorithm.ends_with("-sess");
  const HashHex hash = digest_hash(algorithm);  // not null: parse_challenge checked it
  ++nonce_count_;
  char nc[9];
  std::snprintf(nc, sizeof nc, "%08x", static_cast<unsigned>(nonce_count_));
  const std::string cnonce = make_cnonce();
  const std::string uri = request.url().target();

  std::string ha1 = hash(username_ + ":" + c.realm + ":" + password_);
  if (sess) ha1 = hash(ha1 + ":" + c.nonce + ":" + cnonce);
  std::string a2 = request.method() + ":" + uri;
  if (c.qop == "auth-int") a2 += ":" + hash(request.content());
  const std::string ha2 = hash(a2);
  const std::string response =
      c.qop.empty() ? hash(ha1 + ":" + c.nonce + ":" + ha2)
                    : hash(ha1 + ":" + c.nonce + ":" + nc + ":" + cnonce + ":" + c.qop + ":" + ha2);

  auto quoted = [](std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    return out + "\"";
  };
  std::string header = "Digest username=" + quoted(username_) + ", realm=" + quoted(c.realm) +
                       ", nonce=" + quoted(c.nonce) + ", uri=" + quoted(uri) +
                       ", response=" + quoted(response) + ", algorithm=" + c.algorithm;
  if (!c.opaque.empty()) header += ", opaque=" + quoted(c.opaque);
  if (!c.qop.empty()) {
    header += ", qop=" + c.qop + ", nc=" + nc + ", cnonce=" + quoted(cnonce);
  }
  return header;
}

Task<Response> DigestAuth::flow(Request request, const AuthSend& send) {
  Request first = request;
  if (challenge_) first.headers().set("Authorization", authorization(first));
  Response response = co_await send(std::move(first));
  if (response.status_code() != 401 || !parse_challenge(response)) co_return response;
  request.headers().set("Authorization", authorization(request));
  co_return co_await send(std::move(request));
}

}  // namespace httpxx
