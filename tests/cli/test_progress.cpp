// Progress lines and JSON formatting of `httpxx`.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "json_format.hpp"
#include "progress.hpp"

using namespace httpxx::cli;
using namespace std::chrono_literals;

TEST_CASE("sizes are shown in B, KiB, MiB and GiB") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(1023) == "1023 B");
  CHECK(format_bytes(1024) == "1.0 KiB");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(5u << 20) == "5.0 MiB");
  CHECK(format_bytes(3ull << 30) == "3.0 GiB");
}

TEST_CASE("times left are shown as m:ss or h:mm:ss") {
  CHECK(format_eta(0) == "0:00");
  CHECK(format_eta(7.4) == "0:07");
  CHECK(format_eta(754) == "12:34");
  CHECK(format_eta(3723) == "1:02:03");
}

TEST_CASE(
    "a transfer of known size shows a bar, the percentage, the counts, the rate and the ETA") {
  Transfer t{.label = "f.bin", .total = 1000, .received = 250};
  const std::string line = progress_line(t, t.started + 1s, 5, 100);
  CHECK(line.starts_with("f.bin  ["));
  CHECK(line.find("#.") != std::string::npos);
  CHECK(line.find("]  25%  250 B / 1000 B  250 B/s  ETA 0:03") != std::string::npos);
}

TEST_CASE("a finished transfer shows the time it took instead of the ETA") {
  Transfer t{.label = "f", .total = 1000, .received = 1000};
  t.finished = t.started + 2s;
  const std::string line = progress_line(t, t.started + 5s, 1, 100);
  CHECK(line.find("100%  1000 B  500 B/s  done in 2.00 s") != std::string::npos);
  CHECK(line.find('.') != std::string::npos);
  CHECK(line.find("[#") != std::string::npos);
}

TEST_CASE("a transfer of unknown size shows only the counts and the rate") {
  Transfer t{.label = "f", .received = 2048};
  CHECK(progress_line(t, t.started + 2s, 1, 100) == "f  2.0 KiB  1.0 KiB/s");
}

TEST_CASE("long labels lose their middle, short ones are padded") {
  Transfer t{.label = "http://example.org/a/very/long/path", .error = "error: X"};
  CHECK(progress_line(t, t.started, 16, 100) == "http:/...ng/path  error: X");
  t.label = "ab";
  CHECK(progress_line(t, t.started, 4, 100) == "ab    error: X");
}

TEST_CASE("JSON is indented by 4, with empty containers kept short and doubles readable") {
  auto value = boost::json::parse(R"({"a":[1,2.5,true,null],"b":{},"c":[],"d":"x\"y","e":3.0})");
  CHECK(format_json(value, false) ==
        "{\n"
        "    \"a\": [\n"
        "        1,\n"
        "        2.5,\n"
        "        true,\n"
        "        null\n"
        "    ],\n"
        "    \"b\": {},\n"
        "    \"c\": [],\n"
        "    \"d\": \"x\\\"y\",\n"
        "    \"e\": 3.0\n"
        "}");
}

TEST_CASE("coloured JSON wraps keys and values in ANSI codes") {
  auto value = boost::json::parse(R"({"k":"v"})");
  CHECK(format_json(value, true) == "{\n    \x1b[34m\"k\"\x1b[0m: \x1b[32m\"v\"\x1b[0m\n}");
}
