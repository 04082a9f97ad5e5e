#pragma once
// MD5 (RFC 1321), SHA-1, SHA-256 and SHA-512 (FIPS 180-4), for HTTP Digest
// authentication.
//
// Hand-written on purpose: lib/ must stay platform-free and compile for
// wasm, where OpenSSL is not available, and Digest needs nothing more than
// these one-shot hashes of short strings. They are not for security beyond
// what Digest itself offers, and are checked against the standards' test
// vectors in tests/unit/test_auth.cpp.

#include <string>
#include <string_view>

namespace httpxx::detail {

/// The MD5 digest of `data`, as 32 lower-case hex digits.
[[nodiscard]] std::string md5_hex(std::string_view data);
/// The SHA-1 digest of `data`, as 40 lower-case hex digits.
[[nodiscard]] std::string sha1_hex(std::string_view data);
/// The SHA-256 digest of `data`, as 64 lower-case hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view data);
/// The SHA-512 digest of `data`, as 128 lower-case hex digits.
[[nodiscard]] std::string sha512_hex(std::string_view data);

}  // namespace httpxx::detail
