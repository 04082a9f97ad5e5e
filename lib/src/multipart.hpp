#pragma once
// Encoding a multipart/form-data body (RFC 7578), as HTTPX does.

#include <string>
#include <string_view>

#include "httpxx/multipart.hpp"
#include "httpxx/url.hpp"

namespace httpxx::detail {

/// A fresh random boundary: 32 hex digits.
std::string make_boundary();

/// The `boundary` parameter of a `multipart/form-data` Content-Type value,
/// or "" if it is another type or has none.
std::string boundary_of(std::string_view content_type);

/// The media type for a file name, by its extension
/// (`application/octet-stream` when unknown).
std::string guess_content_type(std::string_view filename);

/// The body: the form fields of `data` first, then the files, each a part
/// delimited by `boundary`.
std::string encode_multipart(const QueryParams& data, const Files& files,
                             std::string_view boundary);

}  // namespace httpxx::detail
