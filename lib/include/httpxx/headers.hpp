#pragma once
/// \file
/// `Headers`: an ordered, case-insensitive, multi-valued header list.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
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
///
/// The fields live in one buffer: a response head of any size costs two
/// allocations, not two per field. Iterating yields `Field`s, pairs of
/// views into that buffer, valid until the headers are next changed.
class Headers {
 public:
  /// A name and its value.
  using Field = std::pair<std::string_view, std::string_view>;

  /// Iterates over the fields in order; `*it` is a `Field` (by value).
  class const_iterator {
   public:
    /// The iterator's category: random access.
    using iterator_category = std::random_access_iterator_tag;
    /// What it yields: a `Field`.
    using value_type = Field;
    /// The distance between two iterators.
    using difference_type = std::ptrdiff_t;
    /// `*it` gives a `Field` by value (views into the headers' buffer).
    using reference = Field;
    /// What `it->` goes through: holds the `Field` by value.
    struct pointer {
      /// The field pointed to.
      Field field;
      /// The held field.
      const Field* operator->() const noexcept { return &field; }
    };

    /// A singular iterator (compare or assign it only).
    const_iterator() = default;
    /// The field at this position.
    Field operator*() const noexcept { return owner_->field_at(index_); }
    /// `it->first` is the name, `it->second` the value.
    pointer operator->() const noexcept { return {**this}; }
    /// The field `n` positions further.
    Field operator[](difference_type n) const noexcept { return *(*this + n); }
    /// The next field.
    const_iterator& operator++() noexcept {
      ++index_;
      return *this;
    }
    /// The next field; returns the old position.
    const_iterator operator++(int) noexcept {
      auto old = *this;
      ++index_;
      return old;
    }
    /// The previous field.
    const_iterator& operator--() noexcept {
      --index_;
      return *this;
    }
    /// The previous field; returns the old position.
    const_iterator operator--(int) noexcept {
      auto old = *this;
      --index_;
      return old;
    }
    /// `n` fields further.
    const_iterator& operator+=(difference_type n) noexcept {
      index_ += static_cast<std::size_t>(n);
      return *this;
    }
    /// `n` fields back.
    const_iterator& operator-=(difference_type n) noexcept {
      index_ -= static_cast<std::size_t>(n);
      return *this;
    }
    /// `it` moved `n` fields further.
    friend const_iterator operator+(const_iterator it, difference_type n) noexcept {
      return it += n;
    }
    /// `it` moved `n` fields further.
    friend const_iterator operator+(difference_type n, const_iterator it) noexcept {
      return it += n;
    }
    /// `it` moved `n` fields back.
    friend const_iterator operator-(const_iterator it, difference_type n) noexcept {
      return it -= n;
    }
    /// How many fields lie from `b` to `a`.
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) noexcept {
      return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
    }
    /// Same position.
    friend bool operator==(const const_iterator& a, const const_iterator& b) noexcept {
      return a.index_ == b.index_;
    }
    /// Orders by position.
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) noexcept {
      return a.index_ <=> b.index_;
    }

   private:
    friend class Headers;
    const_iterator(const Headers* owner, std::size_t index) noexcept
        : owner_(owner), index_(index) {}
    const Headers* owner_ = nullptr;
    std::size_t index_ = 0;
  };
  /// Iteration never changes the headers: `iterator` is `const_iterator`.
  using iterator = const_iterator;

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
  /// The first value of `name`, if any (a view, valid until the next change).
  [[nodiscard]] std::optional<std::string_view> first(std::string_view name) const;
  /// True if a field named `name` exists (case-insensitive).
  [[nodiscard]] bool contains(std::string_view name) const;

  /// The number of fields (a repeated name counts each time).
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  /// True if there is no field.
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  /// The first field: `for (auto [name, value] : headers)`.
  [[nodiscard]] const_iterator begin() const noexcept { return {this, 0}; }
  /// Past the last field.
  [[nodiscard]] const_iterator end() const noexcept { return {this, entries_.size()}; }
  /// Removes every field.
  void clear() noexcept;
  /// Makes room for `fields` fields of `bytes` bytes in all (a hint).
  void reserve(std::size_t fields, std::size_t bytes);

  /// Equal if the same fields, names compared case-insensitively, in order.
  friend bool operator==(const Headers& a, const Headers& b);

  /// Throws `LocalProtocolError` unless `name` is a valid field name.
  static void check_name(std::string_view name);
  /// Throws `LocalProtocolError` if `value` holds CR, LF or NUL.
  static void check_value(std::string_view value);

 private:
  struct Entry {
    std::uint32_t name_at, name_size, value_at, value_size;
  };
  [[nodiscard]] Field field_at(std::size_t i) const noexcept {
    const Entry& e = entries_[i];
    const std::string_view all(data_.data(), data_.size());
    return {all.substr(e.name_at, e.name_size), all.substr(e.value_at, e.value_size)};
  }
  Entry append(std::string_view name, std::string_view value);
  // Removes the fields named `name` at index `from` and after; returns how
  // many (the storage is compacted when mostly unused).
  std::size_t drop(std::string_view name, std::size_t from);
  void compact_if_wasteful();

  // The names and values, back to back. A vector, not a std::string: a
  // short std::string points into itself, and g++ 12 relocates some
  // temporaries of `co_await` expressions bitwise (the default
  // `RequestOptions{}` of `co_await client.get(url)` among them).
  std::vector<char> data_;
  std::vector<Entry> entries_;  // in order
  std::size_t unused_ = 0;      // bytes of data_ no entry refers to any more
};

/// Case-insensitive ASCII comparison, as header names are compared.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace httpxx
