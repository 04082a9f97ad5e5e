#pragma once
/// \file
/// `Headers`: an ordered, case-insensitive, multi-valued header list.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httpxx {

/// HTTP headers, in the order they were added, with names compared without
/// regard to case. A name may appear several times.
///
/// Every name must be an RFC 9110 token and no value may hold CR, LF or
/// NUL: adding one throws `LocalProtocolError` at once, so nothing malformed
/// is ever sent. Leading and trailing spaces and tabs of values are removed.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;
  using const_iterator = std::vector<Field>::const_iterator;

  Headers() = default;
  /// `Headers{{"Accept", "text/html"}, {"X-A", "1"}}`. Throws `LocalProtocolError`.
  Headers(std::initializer_list<Field> fields);

  /// Appends a field (keeps existing ones of that name).
  void add(std::string_view name, std::string_view value);
  /// Replaces every field of that name by one (appended if absent, else at
  /// the position of the first).
  void set(std::string_view name, std::string_view value);
  /// Sets the field only if no field of that name exists.
  void set_default(std::string_view name, std::string_view value);
  /// Removes every field of that name; returns how many were removed.
  std::size_t remove(std::string_view name);
  /// Appends all of `other`'s fields, replacing same-named fields of ours.
  void update(const Headers& other);

  /// The value of `name`; several fields are joined with ", " (as HTTPX).
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  /// Every value of `name`, in order.
  [[nodiscard]] std::vector<std::string> get_list(std::string_view name) const;
  /// The first value of `name`, or nullptr.
  [[nodiscard]] const std::string* first(std::string_view name) const;
  [[nodiscard]] bool contains(std::string_view name) const;

  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  [[nodiscard]] bool empty() const noexcept { return fields_.empty(); }
  [[nodiscard]] const_iterator begin() const noexcept { return fields_.begin(); }
  [[nodiscard]] const_iterator end() const noexcept { return fields_.end(); }
  void clear() noexcept { fields_.clear(); }

  /// Equal if the same fields, names compared case-insensitively, in order.
  friend bool operator==(const Headers& a, const Headers& b);

  /// Throws `LocalProtocolError` unless `name` is a valid field name.
  static void check_name(std::string_view name);
  /// Throws `LocalProtocolError` if `value` holds CR, LF or NUL.
  static void check_value(std::string_view value);

 private:
  std::vector<Field> fields_;
};

/// Case-insensitive ASCII comparison, as header names are compared.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace httpxx
