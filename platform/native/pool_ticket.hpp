#pragma once
// `PoolTicket`: one of the pool's `max_connections` places, held by a
// connection (or by a request that is opening one) for as long as it lives.

#include <memory>
#include <utility>

namespace httpxx::native {

class ConnectionPool;

/// Move-only. Destroying a ticket gives its place back to the pool (which
/// may wake a request waiting for one). An empty ticket holds no place.
class PoolTicket {
 public:
  PoolTicket() = default;
  explicit PoolTicket(std::shared_ptr<ConnectionPool> pool) noexcept : pool_(std::move(pool)) {}
  PoolTicket(PoolTicket&& other) noexcept : pool_(std::move(other.pool_)) {}
  PoolTicket& operator=(PoolTicket&& other) noexcept {
    if (this != &other) {
      reset();
      pool_ = std::move(other.pool_);
    }
    return *this;
  }
  PoolTicket(const PoolTicket&) = delete;
  PoolTicket& operator=(const PoolTicket&) = delete;
  ~PoolTicket() { reset(); }

  [[nodiscard]] explicit operator bool() const noexcept { return pool_ != nullptr; }
  [[nodiscard]] const std::shared_ptr<ConnectionPool>& pool() const noexcept { return pool_; }
  void reset() noexcept;

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace httpxx::native
