#include "json_format.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <string_view>

#include "terminal.hpp"

namespace httpxx::cli {

namespace {

// Boost.JSON writes doubles as "1.5E0"; people expect "1.5".
std::string format_double(double d) {
  if (!std::isfinite(d)) return "null";  // JSON has no inf/nan
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

class Formatter {
 public:
  explicit Formatter(bool colour) : colour_(colour) {}

  void value(const Json& v, int depth) {
    switch (v.kind()) {
      case boost::json::kind::object:
        object(v.get_object(), depth);
        break;
      case boost::json::kind::array:
        array(v.get_array(), depth);
        break;
      case boost::json::kind::string:
        out_ += paint(boost::json::serialize(v), kGreen, colour_);
        break;
      case boost::json::kind::double_:
        out_ += paint(format_double(v.get_double()), kYellow, colour_);
        break;
      default:
        out_ += paint(boost::json::serialize(v), kYellow, colour_);
        break;  // ints, bool, null
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void indent(int depth) { out_.append(static_cast<std::size_t>(depth) * 4, ' '); }

  void object(const boost::json::object& o, int depth) {
    if (o.empty()) {
      out_ += "{}";
      return;
    }
    out_ += "{\n";
    bool first = true;
    for (const auto& field : o) {
      if (!first) out_ += ",\n";
      first = false;
      indent(depth + 1);
      out_ += paint(boost::json::serialize(boost::json::string_view(field.key())), kBlue, colour_);
      out_ += ": ";
      value(field.value(), depth + 1);
    }
    out_ += '\n';
    indent(depth);
    out_ += '}';
  }

  void array(const boost::json::array& a, int depth) {
    if (a.empty()) {
      out_ += "[]";
      return;
    }
    out_ += "[\n";
    bool first = true;
    for (const auto& item : a) {
      if (!first) out_ += ",\n";
      first = false;
      indent(depth + 1);
      value(item, depth + 1);
    }
    out_ += '\n';
    indent(depth);
    out_ += ']';
  }

  bool colour_;
  std::string out_;
};

}  // namespace

std::string format_json(const Json& value, bool colour) {
  Formatter f(colour);
  f.value(value, 0);
  return f.take();
}

}  // namespace httpxx::cli
