#pragma once
// `ListLink`: the two pointers that put an object in an intrusive, circular,
// doubly linked list. The toolkit's lists (waiters of a `WaitList`, the
// loop's ready queue, the members of a `TaskScope`) are made of them, so
// that joining or leaving a list never allocates, and an object can leave
// whatever list it is in, in O(1), without knowing which one it is.
//
// A list is a `ListLink` used as its head (a sentinel): empty when it links
// to itself. A link that is in no list also links to itself.

namespace httpxx::detail {

class ListLink {
 public:
  ListLink() noexcept = default;
  ListLink(const ListLink&) = delete;
  ListLink& operator=(const ListLink&) = delete;
  /// Leaves the list it is in, if any.
  ~ListLink() { unlink(); }

  /// True if in a list (for a head: if the list is not empty).
  [[nodiscard]] bool linked() const noexcept { return next_ != this; }
  /// The next link (for a head: the first element).
  [[nodiscard]] ListLink* next() const noexcept { return next_; }

  /// Leaves the list it is in. Harmless if in none.
  void unlink() noexcept {
    prev_->next_ = next_;
    next_->prev_ = prev_;
    prev_ = next_ = this;
  }
  /// Joins a list just before `position` (before the head: at the back).
  void link_before(ListLink& position) noexcept {
    prev_ = position.prev_;
    next_ = &position;
    position.prev_->next_ = this;
    position.prev_ = this;
  }
  /// For heads: moves every element of `other` to this list, which must be
  /// empty.
  void take_all(ListLink& other) noexcept {
    if (!other.linked()) return;
    next_ = other.next_;
    prev_ = other.prev_;
    next_->prev_ = this;
    prev_->next_ = this;
    other.prev_ = other.next_ = &other;
  }
  /// For heads: empties the list, leaving every element in no list.
  void unlink_all() noexcept {
    while (linked()) next_->unlink();
  }

 private:
  ListLink* prev_ = this;
  ListLink* next_ = this;
};

}  // namespace httpxx::detail
