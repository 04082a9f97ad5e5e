#pragma once
// The client TLS configuration (an OpenSSL context built from TlsOptions)
// and what each new TLS stream needs: SNI, the name to verify, and a
// readable reason when a handshake fails.

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <string>

#include "native_options.hpp"

namespace httpxx::native {

class TlsContext {
 public:
  /// Loads the trust store and client certificate. Throws
  /// `std::invalid_argument` naming the file and OpenSSL's reason if one
  /// cannot be loaded. TLS 1.2 is the oldest version offered.
  explicit TlsContext(const TlsOptions& options);

  [[nodiscard]] boost::asio::ssl::context& context() noexcept { return context_; }

  /// Prepares a new stream's SSL object for `host` (a DNS name or an IP
  /// address): SNI for names, and, when verifying, the name or address the
  /// certificate must match.
  void prepare(SSL* ssl, const std::string& host) const;

  /// Why a handshake on `ssl` failed with `ec`: the certificate verification
  /// error if there was one ("certificate has expired", "self-signed
  /// certificate", "hostname mismatch", ...), else OpenSSL's reason.
  [[nodiscard]] static std::string describe_failure(SSL* ssl, const boost::system::error_code& ec);

 private:
  boost::asio::ssl::context context_;
  bool verify_;
};

}  // namespace httpxx::native
