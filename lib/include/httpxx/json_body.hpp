#pragma once
/// \file
/// `JsonBody`: a JSON document to send (`RequestOptions::json`,
/// `MockResponse::json`), held as its text, so that the core headers need no
/// JSON library. It is made from an `httpxx::Json` (or anything that
/// converts to one) once `<httpxx/json.hpp>` is included:
///
///     #include <httpxx/json.hpp>
///     client.post(url, {.json = httpxx::Json{{"name", "Ada"}}});

#include <concepts>
#include <string>
#include <utility>

namespace httpxx {

/// How a value of type `T` becomes JSON text. Specialised by
/// `<httpxx/json.hpp>` for `Json` and the types that convert to it.
template <class T>
struct JsonText;

/// A JSON document to send, held as its compact text: made from a `Json` (with
/// `<httpxx/json.hpp>` included) or, unchecked, from text with `from_text`.
class JsonBody {
 public:
  /// The document `value`, serialised now.
  template <class T>
  requires requires(const T& v) {
    { JsonText<T>::of(v) } -> std::same_as<std::string>;
  }
  JsonBody(const T& value)  // NOLINT(google-explicit-constructor): `.json = Json{...}`
      : text_(JsonText<T>::of(value)) {}

  /// A document already serialised; `text` is sent as it is, unchecked.
  [[nodiscard]] static JsonBody from_text(std::string text) {
    JsonBody body;
    body.text_ = std::move(text);
    return body;
  }

  /// The JSON text that is sent.
  [[nodiscard]] const std::string& text() const noexcept { return text_; }

 private:
  JsonBody() = default;
  std::string text_;
};

}  // namespace httpxx
