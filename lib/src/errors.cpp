#include "httpxx/errors.hpp"

#include "httpxx/request.hpp"
#include "httpxx/response.hpp"

namespace httpxx {

Error::Error(const std::string& message, const Request& request)
    : std::runtime_error(message), request_(std::make_shared<const Request>(request)) {}

const Request& Error::request() const {
  if (!request_) throw std::logic_error("this httpxx error has no request");
  return *request_;
}

void Error::attach_request(const Request& request) {
  if (!request_) request_ = std::make_shared<const Request>(request);
}

HTTPStatusError::HTTPStatusError(const std::string& message, const Request& request,
                                 const Response& response)
    : HTTPError(message, request), response_(std::make_shared<const Response>(response)) {}

}  // namespace httpxx
