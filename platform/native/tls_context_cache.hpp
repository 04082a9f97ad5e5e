#pragma once
// One TLS context per TLS configuration in the process, shared by every
// transport (and so every client) with that configuration: building one
// loads the trust store (the system's: milliseconds) and the client
// certificate, which a program that makes a client per request should pay
// once, not per client.

#include <cstddef>
#include <memory>

#include "native_options.hpp"

namespace httpxx::native {

class TlsContext;

/// The context for `options`: the one already in use (or recently used) by
/// a transport with the same configuration, else a new one. Two calls share
/// a context only if every field of `options` is equal (the key password
/// compared by its SHA-256 digest, which is all the cache keeps of it), and
/// every file or directory named (or the system store's, when none is) has
/// the same identity and modification time, and `SSL_CERT_FILE` and
/// `SSL_CERT_DIR` are unchanged: a verifying client never shares with one
/// that does not verify, and a rewritten CA file is loaded again. A context
/// lives as long as a transport holds it; the last few configurations used
/// are also kept after that, so that a client made per request finds its
/// context. Thread-safe. Throws what `TlsContext`'s constructor throws
/// (`std::invalid_argument` for a file that cannot be loaded; nothing is
/// cached then).
[[nodiscard]] std::shared_ptr<TlsContext> shared_tls_context(const TlsOptions& options);

/// How many contexts the cache holds alive (in use or kept), for tests.
[[nodiscard]] std::size_t tls_contexts_cached();

}  // namespace httpxx::native
