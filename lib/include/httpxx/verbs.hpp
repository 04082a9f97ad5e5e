#pragma once
/// \file
/// The HTTP verbs, written once for every client kind.
///
/// `AsyncClient`, `Client`, `Parallel` and `BlockingParallel` derive from
/// `Verbs<Self, Result>`, which turns `get(url, options)` into
/// `request("GET", url, options)` on `Self`; each kind returns its own
/// `Result` (a `Task<Response>`, a `BlockingResponse`, a `PendingResponse`,
/// a `BlockingPendingResponse`). `request(method, url, options)` sends any
/// method.

#include <string>
#include <utility>

#include "httpxx/options.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

/// The verb shortcuts of a client kind `Self` (the CRTP base of `AsyncClient`, `Client`,
/// `Parallel`, `BlockingParallel`): each calls `Self::request` with its method and returns
/// what it returns (`Result`). Throws what `Self::request` throws.
template <class Self, class Result>
class Verbs {
 public:
  /// GET.
  Result get(URL url, RequestOptions options = {}) { return verb("GET", url, options); }
  /// POST.
  Result post(URL url, RequestOptions options = {}) { return verb("POST", url, options); }
  /// PUT.
  Result put(URL url, RequestOptions options = {}) { return verb("PUT", url, options); }
  /// PATCH.
  Result patch(URL url, RequestOptions options = {}) { return verb("PATCH", url, options); }
  /// DELETE (`delete` is a C++ keyword).
  Result delete_(URL url, RequestOptions options = {}) { return verb("DELETE", url, options); }
  /// HEAD.
  Result head(URL url, RequestOptions options = {}) { return verb("HEAD", url, options); }
  /// The OPTIONS method (a client's settings are `client_options()`).
  Result options(URL url, RequestOptions options = {}) { return verb("OPTIONS", url, options); }

 protected:
  Verbs() = default;
  ~Verbs() = default;

 private:
  Result verb(const char* method, URL& url, RequestOptions& options) {
    return static_cast<Self&>(*this).request(method, std::move(url), std::move(options));
  }
};

}  // namespace httpxx
