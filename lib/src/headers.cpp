#include "httpxx/headers.hpp"

#include <algorithm>

#include "httpxx/errors.hpp"

namespace httpxx {

namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// RFC 9110 section 5.6.2: tchar.
bool is_tchar(unsigned char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

std::string_view trim(std::string_view v) noexcept {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

void Headers::check_name(std::string_view name) {
  if (name.empty()) throw LocalProtocolError("empty header name");
  for (unsigned char c : name) {
    if (!is_tchar(c)) {
      throw LocalProtocolError("invalid character (code " + std::to_string(c) +
                               ") in header name");
    }
  }
}

void Headers::check_value(std::string_view value) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      throw LocalProtocolError("header value contains CR, LF or NUL");
    }
  }
}

Headers::Headers(std::initializer_list<Field> fields) {
  for (const auto& [name, value] : fields) add(name, value);
}

void Headers::add(std::string_view name, std::string_view value) {
  check_name(name);
  check_value(value);
  fields_.emplace_back(std::string(name), std::string(trim(value)));
}

void Headers::set(std::string_view name, std::string_view value) {
  check_name(name);
  check_value(value);
  auto first = std::find_if(fields_.begin(), fields_.end(),
                            [&](const Field& f) { return iequals(f.first, name); });
  if (first == fields_.end()) {
    fields_.emplace_back(std::string(name), std::string(trim(value)));
    return;
  }
  first->first = std::string(name);
  first->second = std::string(trim(value));
  fields_.erase(std::remove_if(std::next(first), fields_.end(),
                               [&](const Field& f) { return iequals(f.first, name); }),
                fields_.end());
}

void Headers::set_default(std::string_view name, std::string_view value) {
  if (!contains(name)) add(name, value);
}

std::size_t Headers::remove(std::string_view name) {
  auto before = fields_.size();
  fields_.erase(std::remove_if(fields_.begin(), fields_.end(),
                               [&](const Field& f) { return iequals(f.first, name); }),
                fields_.end());
  return before - fields_.size();
}

void Headers::update(const Headers& other) {
  if (&other == this) return;
  for (const auto& [name, value] : other) remove(name);
  for (const auto& field : other) fields_.push_back(field);
}

std::optional<std::string> Headers::get(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [n, v] : fields_) {
    if (!iequals(n, name)) continue;
    if (out) {
      *out += ", ";
      *out += v;
    } else {
      out = v;
    }
  }
  return out;
}

std::vector<std::string> Headers::get_list(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : fields_) {
    if (iequals(n, name)) out.push_back(v);
  }
  return out;
}

const std::string* Headers::first(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (iequals(n, name)) return &v;
  }
  return nullptr;
}

bool Headers::contains(std::string_view name) const { return first(name) != nullptr; }

bool operator==(const Headers& a, const Headers& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return iequals(x.first, y.first) && x.second == y.second;
  });
}

}  // namespace httpxx
