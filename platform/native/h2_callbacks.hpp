#pragma once
// nghttp2's side of `H2Session`: the callbacks that turn received frames into
// stream state, the session's options (limits against hostile peers), and
// the data source that feeds a request body to DATA frames.

#include <nghttp2/nghttp2.h>

#include <cstddef>
#include <cstdint>

namespace httpxx::native {

class H2Session;

/// A client session whose callbacks report to `owner`: no automatic
/// WINDOW_UPDATEs (the owner gives window back as bodies are read), and the
/// limits on what a peer may make the client keep or answer.
[[nodiscard]] nghttp2_session* new_client_session(H2Session* owner);

/// The data source of a request body: the request's content, or the pieces
/// its `ByteSource` gives (deferring while the next is asked for).
ssize_t read_request_body(nghttp2_session* session, std::int32_t stream_id, std::uint8_t* buf,
                          std::size_t length, std::uint32_t* data_flags,
                          nghttp2_data_source* source, void* user_data);

}  // namespace httpxx::native
