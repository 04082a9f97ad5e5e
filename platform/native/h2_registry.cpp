#include "h2_registry.hpp"

#include <algorithm>

#include "httpxx/errors.hpp"

namespace httpxx::native {

void H2Registry::sweep() noexcept {
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(sessions_, [&](const std::shared_ptr<H2Session>& s) {
    if (s->draining()) return false;  // kept until its GOAWAY is out
    if (!s->usable()) return true;
    const auto idle = s->idle_since();
    if (!keepalive_expiry_ || !idle || now - *idle < *keepalive_expiry_) return false;
    s->close();
    return true;
  });
}

bool H2Registry::evict_idle() noexcept {
  auto oldest = sessions_.end();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    const auto idle = (*it)->idle_since();
    if (idle && (oldest == sessions_.end() || *idle < *(*oldest)->idle_since())) oldest = it;
  }
  if (oldest == sessions_.end()) return false;
  std::shared_ptr<H2Session> gone = std::move(*oldest);
  sessions_.erase(oldest);
  gone->close();
  return true;
}

std::shared_ptr<H2Session> H2Registry::session(const Origin& origin) noexcept {
  sweep();
  for (const auto& s : sessions_) {
    if (s->origin() == origin && s->usable()) return s;
  }
  return nullptr;
}

void H2Registry::add(std::shared_ptr<H2Session> session) {
  sessions_.push_back(std::move(session));
}

const H2Registry::Known* H2Registry::find(const Origin& origin) const noexcept {
  for (const Known& k : known_) {
    if (k.origin == origin) return &k;
  }
  return nullptr;
}

H2Registry::Known& H2Registry::known(const Origin& origin) {
  for (Known& k : known_) {
    if (k.origin == origin) return k;
  }
  return known_.emplace_back(Known{origin});
}

bool H2Registry::speaks_http1_only(const Origin& origin) const noexcept {
  const Known* k = find(origin);
  return k != nullptr && k->http1_only;
}

bool H2Registry::start_opening(const Origin& origin) {
  Known& k = known(origin);
  if (k.opening) return false;
  k.opening = true;
  return true;
}

void H2Registry::opened(const Origin& origin, std::optional<bool> h2) noexcept {
  for (Known& k : known_) {
    if (k.origin != origin) continue;
    k.opening = false;
    if (h2) k.http1_only = !*h2;
  }
  opening_.wake_all();
}

void H2Registry::close() noexcept {
  auto sessions = std::move(sessions_);
  sessions_.clear();
  for (auto& s : sessions) s->close();
  opening_.wake_all();
}

}  // namespace httpxx::native
