#include "inputs.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "args.hpp"

namespace httpxx::cli {

namespace {

std::string read_stdin() {
  std::ostringstream bytes;
  bytes << std::cin.rdbuf();
  return std::move(bytes).str();
}

std::string read_file(const std::string& path, std::string_view option) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw UsageError(std::string(option) + ": cannot read '" + path + "': it is a directory");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw UsageError(std::string(option) + ": cannot read '" + path + "': " + std::strerror(errno));
  }
  std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (file.bad()) {
    throw UsageError(std::string(option) + ": cannot read '" + path + "': " + std::strerror(errno));
  }
  return bytes;
}

}  // namespace

std::string load_body(const std::string& spec, std::string_view option) {
  if (!spec.starts_with('@')) return spec;
  if (spec == "@-") return read_stdin();
  if (spec.starts_with("@@")) return spec.substr(1);
  return read_file(spec.substr(1), option);
}

File load_file(const std::string& path) {
  if (path == "-") return File{.content = read_stdin()};
  return File{.filename = std::filesystem::path(path).filename().string(),
              .content = read_file(path, "--files")};
}

}  // namespace httpxx::cli
