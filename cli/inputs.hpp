#pragma once
/// \file
/// Request bodies the command line names rather than gives: `@FILE`, `@-`
/// (stdin) and the files of `--files`.

#include <httpxx/multipart.hpp>
#include <string>
#include <string_view>

namespace httpxx::cli {

/// The body `spec` stands for: the contents of FILE for `@FILE`, all of
/// stdin for `@-`, `@x` for `@@x`, else `spec` itself. `option` names the
/// option in errors. Throws `UsageError` when the file cannot be read.
[[nodiscard]] std::string load_body(const std::string& spec, std::string_view option);

/// The upload of `--files NAME PATH`: the file's bytes, its base name as
/// the filename and a media type guessed from its extension by the library;
/// `-` reads stdin (sent without a filename). Throws `UsageError` when the
/// file cannot be read.
[[nodiscard]] File load_file(const std::string& path);

}  // namespace httpxx::cli
