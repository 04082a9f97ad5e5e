#include "h2_registry.hpp"

#include <algorithm>

#include "httpxx/errors.hpp"

namespace httpxx::native {

std::shared_ptr<H2Session> H2Registry::session(const Origin& origin) noexcept {
  std::erase_if(sessions_, [](const auto& s) { return !s->usable(); });
  for (const auto& s : sessions_) {
    if (s->origin() == origin) return s;
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
