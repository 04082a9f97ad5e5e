#include "httpxx/headers.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>

#include "httpxx/errors.hpp"
#include "text/ascii.hpp"

namespace httpxx {

namespace {

using detail::ascii::lower;

// RFC 9110 section 5.6.2: tchar.
bool is_tchar(unsigned char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

using detail::ascii::trim;

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

void Headers::check_name(std::string_view name) {
  if (name.empty()) throw LocalProtocolError("empty header name");
  for (unsigned char c : name) {
    if (!is_tchar(c)) {
      throw LocalProtocolError("invalid character (code " + std::to_string(c) + ") in header name");
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

Headers::Entry Headers::append(std::string_view name, std::string_view value) {
  check_name(name);
  check_value(value);
  value = trim(value);
  if (data_.size() + name.size() + value.size() > UINT32_MAX) {
    throw LocalProtocolError("headers larger than 4 GiB");
  }
  // A name or value viewing our own buffer (a field of these very headers)
  // is copied first: growing the buffer would leave the view dangling.
  std::string held;
  const auto inside = [this](std::string_view v) {
    const std::less<const char*> before;
    return !v.empty() && !before(v.data(), data_.data()) &&
           before(v.data(), data_.data() + data_.size());
  };
  if (inside(name) || inside(value)) {
    held.reserve(name.size() + value.size());
    held += name;
    held += value;
    name = std::string_view(held).substr(0, name.size());
    value = std::string_view(held).substr(name.size());
  }
  Entry e{};
  e.name_at = static_cast<std::uint32_t>(data_.size());
  e.name_size = static_cast<std::uint32_t>(name.size());
  data_.insert(data_.end(), name.begin(), name.end());
  e.value_at = static_cast<std::uint32_t>(data_.size());
  e.value_size = static_cast<std::uint32_t>(value.size());
  data_.insert(data_.end(), value.begin(), value.end());
  return e;
}

void Headers::add(std::string_view name, std::string_view value) {
  // `name` or `value` may view our own buffer: append() copies before the
  // entry is stored, and data_ may move only inside append().
  const Entry e = append(name, value);
  entries_.push_back(e);
}

void Headers::set(std::string_view name, std::string_view value) {
  std::size_t first = entries_.size();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (iequals(field_at(i).first, name)) {
      first = i;
      break;
    }
  }
  const Entry e = append(name, value);
  // `name` may have viewed our own buffer, which append() may have moved:
  // from here on compare with the copy it made.
  name = std::string_view(data_.data() + e.name_at, e.name_size);
  if (first == entries_.size()) {
    entries_.push_back(e);
    return;
  }
  unused_ += entries_[first].name_size + entries_[first].value_size;
  entries_[first] = e;
  drop(name, first + 1);
}

void Headers::set_default(std::string_view name, std::string_view value) {
  if (!contains(name)) add(name, value);
}

std::size_t Headers::remove(std::string_view name) { return drop(name, 0); }

std::size_t Headers::drop(std::string_view name, std::size_t from) {
  const std::size_t before = entries_.size();
  std::size_t out = from;
  for (std::size_t i = from; i < entries_.size(); ++i) {
    if (iequals(field_at(i).first, name)) {
      unused_ += entries_[i].name_size + entries_[i].value_size;
    } else {
      entries_[out++] = entries_[i];
    }
  }
  entries_.resize(out);
  compact_if_wasteful();
  return before - out;
}

void Headers::update(const Headers& other) {
  if (&other == this) return;
  for (const auto& [name, value] : other) remove(name);
  reserve(entries_.size() + other.size(), data_.size() + other.data_.size());
  for (const auto& [name, value] : other) add(name, value);
}

void Headers::clear() noexcept {
  entries_.clear();
  data_.clear();
  unused_ = 0;
}

void Headers::reserve(std::size_t fields, std::size_t bytes) {
  entries_.reserve(fields);
  data_.reserve(bytes);
}

void Headers::compact_if_wasteful() {
  if (unused_ < 256 || unused_ * 2 < data_.size()) return;
  std::vector<char> packed;
  packed.reserve(data_.size() - unused_);
  for (Entry& e : entries_) {
    const std::uint32_t at = static_cast<std::uint32_t>(packed.size());
    const auto from = data_.begin();
    packed.insert(packed.end(), from + e.name_at, from + e.name_at + e.name_size);
    packed.insert(packed.end(), from + e.value_at, from + e.value_at + e.value_size);
    e.name_at = at;
    e.value_at = at + e.name_size;
  }
  data_ = std::move(packed);
  unused_ = 0;
}

std::optional<std::string> Headers::get(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [n, v] : *this) {
    if (!iequals(n, name)) continue;
    if (out) {
      *out += ", ";
      *out += v;
    } else {
      out.emplace(v);
    }
  }
  return out;
}

std::vector<std::string> Headers::get_list(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : *this) {
    if (iequals(n, name)) out.emplace_back(v);
  }
  return out;
}

std::optional<std::string_view> Headers::first(std::string_view name) const {
  for (const auto& [n, v] : *this) {
    if (iequals(n, name)) return v;
  }
  return std::nullopt;
}

bool Headers::contains(std::string_view name) const { return first(name).has_value(); }

bool operator==(const Headers& a, const Headers& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return iequals(x.first, y.first) && x.second == y.second;
  });
}

}  // namespace httpxx
