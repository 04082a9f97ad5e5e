#include "tls_context.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <stdexcept>

namespace httpxx::native {

namespace {

namespace ssl = boost::asio::ssl;

void check(const boost::system::error_code& ec, const std::string& what) {
  if (ec) throw std::invalid_argument("httpxx TLS: cannot load " + what + ": " + ec.message());
}

bool is_ip_address(const std::string& host) {
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

TlsContext::TlsContext(const TlsOptions& options)
    : context_(ssl::context::tls_client), verify_(options.verify) {
  boost::system::error_code ec;
  context_.set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                           ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                       ec);
  check(ec, "the TLS options");
  SSL_CTX_set_min_proto_version(context_.native_handle(), TLS1_2_VERSION);

  if (options.ca_file.empty() && options.ca_dir.empty()) {
    context_.set_default_verify_paths(ec);
    check(ec, "the system's trusted certificates");
  }
  if (!options.ca_file.empty()) {
    context_.load_verify_file(options.ca_file, ec);
    check(ec, "CA file '" + options.ca_file + "'");
  }
  if (!options.ca_dir.empty()) {
    context_.add_verify_path(options.ca_dir, ec);
    check(ec, "CA directory '" + options.ca_dir + "'");
  }
  if (!options.cert_file.empty()) {
    if (!options.key_password.empty()) {
      context_.set_password_callback(
          [password = options.key_password](std::size_t, ssl::context::password_purpose) {
            return password;
          });
    }
    context_.use_certificate_chain_file(options.cert_file, ec);
    check(ec, "client certificate '" + options.cert_file + "'");
    const std::string& key = options.key_file.empty() ? options.cert_file : options.key_file;
    context_.use_private_key_file(key, ssl::context::pem, ec);
    check(ec, "client key '" + key + "'");
  }
  context_.set_verify_mode(verify_ ? ssl::verify_peer : ssl::verify_none, ec);
  check(ec, "the verification mode");
}

void TlsContext::prepare(SSL* ssl, const std::string& host) const {
  const bool ip = is_ip_address(host);
  // SNI carries host names only (RFC 6066 section 3).
  if (!ip) SSL_set_tlsext_host_name(ssl, host.c_str());
  if (!verify_) return;
  // OpenSSL checks the name during chain verification, so that a mismatch
  // is reported like any other verification error
  // (X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH).
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  }
}

std::string TlsContext::describe_failure(SSL* ssl, const boost::system::error_code& ec) {
  const long result = SSL_get_verify_result(ssl);
  if (result != X509_V_OK) {
    return std::string("certificate verify failed: ") + X509_verify_cert_error_string(result);
  }
  if (ec == ssl::error::stream_truncated || ec == boost::asio::error::eof) {
    return "the server closed the connection during the TLS handshake";
  }
  return "TLS handshake failed: " + ec.message();
}

}  // namespace httpxx::native
