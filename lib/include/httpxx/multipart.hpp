#pragma once
/// \file
/// Files for a `multipart/form-data` body (`RequestOptions::files`).

#include <string>
#include <utility>
#include <vector>

namespace httpxx {

/// One file of a multipart upload, held in memory.
struct File {
  /// The `filename` the server sees (may be empty: then no filename is sent).
  std::string filename{};
  /// The file's bytes.
  std::string content{};
  /// Its media type; empty means guessed from the filename's extension
  /// (`application/octet-stream` when unknown).
  std::string content_type{};
};

/// Files by form field name, in order; a name may repeat:
/// `.files = {{"upload", {.filename = "a.txt", .content = "hello"}}}`.
using Files = std::vector<std::pair<std::string, File>>;

}  // namespace httpxx
