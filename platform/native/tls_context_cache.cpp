#include "tls_context_cache.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include "tls_context.hpp"

namespace httpxx::native {

namespace {

// Configurations kept alive after their last transport is gone.
constexpr std::size_t kKept = 4;

// Appends a field with its length, so that no two field lists make one key.
void field(std::string& key, std::string_view value) {
  key += std::to_string(value.size());
  key += ':';
  key += value;
  key += ';';
}

// Identity and modification time of a file or directory ("-" if absent):
// a file replaced or rewritten under the same name makes another key.
void stamp(std::string& key, const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) {
    field(key, "-");
    return;
  }
  field(key, std::to_string(st.st_dev) + "/" + std::to_string(st.st_ino) + "/" +
                 std::to_string(st.st_size) + "/" + std::to_string(st.st_mtim.tv_sec) + "." +
                 std::to_string(st.st_mtim.tv_nsec) + "/" + std::to_string(st.st_ctim.tv_sec) +
                 "." + std::to_string(st.st_ctim.tv_nsec));
}

// The key password enters the key as a digest: the cache outlives clients
// and must not keep their secrets.
std::string digest(const std::string& password) {
  if (password.empty()) return {};
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int size = 0;
  if (EVP_Digest(password.data(), password.size(), md.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw std::invalid_argument("httpxx TLS: cannot digest the key password");
  }
  return std::string(reinterpret_cast<const char*>(md.data()), size);
}

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

std::string key_of(const TlsOptions& o) {
  std::string key;
  field(key, o.verify ? "verify" : "no-verify");
  field(key, o.ca_file);
  field(key, o.ca_dir);
  field(key, o.cert_file);
  field(key, o.key_file);
  field(key, digest(o.key_password));
  stamp(key, o.ca_file);
  stamp(key, o.ca_dir);
  stamp(key, o.cert_file);
  stamp(key, o.key_file);
  if (o.ca_file.empty() && o.ca_dir.empty()) {
    // The system store: where OpenSSL looks (its environment variables
    // override its built-in paths) and what is there now.
    const std::string file = env_or(X509_get_default_cert_file_env(), X509_get_default_cert_file());
    const std::string dir = env_or(X509_get_default_cert_dir_env(), X509_get_default_cert_dir());
    field(key, file);
    field(key, dir);
    stamp(key, file);
    stamp(key, dir);
  }
  return key;
}

class Cache {
 public:
  std::shared_ptr<TlsContext> get(const TlsOptions& options) {
    const std::string key = key_of(options);
    {
      std::lock_guard lock(mutex_);
      if (auto found = find(key)) return found;
    }
    // Built outside the lock: loading a trust store takes milliseconds, and
    // other configurations need not wait for it.
    auto made = std::make_shared<TlsContext>(options);
    std::lock_guard lock(mutex_);
    if (auto found = find(key)) return found;  // another thread was quicker
    entries_[key] = made;
    keep(made);
    return made;
  }

  std::size_t alive() {
    std::lock_guard lock(mutex_);
    prune();
    return entries_.size();
  }

 private:
  std::shared_ptr<TlsContext> find(const std::string& key) {
    prune();
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    std::shared_ptr<TlsContext> found = it->second.lock();
    if (found) keep(found);
    return found;
  }

  // Forgets entries whose context is gone.
  void prune() {
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = it->second.expired() ? entries_.erase(it) : std::next(it);
    }
  }

  // Moves `context` to the front of the kept ones.
  void keep(const std::shared_ptr<TlsContext>& context) {
    std::size_t at = 0;
    while (at + 1 < kept_.size() && kept_[at] != context) ++at;
    for (; at > 0; --at) kept_[at] = std::move(kept_[at - 1]);
    kept_[0] = context;
  }

  std::mutex mutex_;
  std::map<std::string, std::weak_ptr<TlsContext>> entries_;
  std::array<std::shared_ptr<TlsContext>, kKept> kept_;
};

Cache& cache() {
  // Never destroyed: contexts kept at exit would otherwise be freed after
  // OpenSSL's own clean-up has run.
  static Cache* const instance = new Cache();
  return *instance;
}

}  // namespace

std::shared_ptr<TlsContext> shared_tls_context(const TlsOptions& options) {
  return cache().get(options);
}

std::size_t tls_contexts_cached() { return cache().alive(); }

}  // namespace httpxx::native
