#include "h2_callbacks.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "h2_memory.hpp"
#include "h2_session.hpp"
#include "h2_stream.hpp"
#include "httpxx/errors.hpp"

namespace httpxx::native {

namespace {

H2Session& owner_of(void* user_data) { return *static_cast<H2Session*>(user_data); }

std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Fails `stream` with a RemoteProtocolError; nghttp2 then resets it.
int refuse(H2Stream& stream, const std::string& why) {
  if (!stream.error) stream.error = std::make_exception_ptr(RemoteProtocolError(why));
  stream.waiters.wake_all();
  return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
}

int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
              std::size_t name_size, const std::uint8_t* value, std::size_t value_size,
              std::uint8_t, void* user_data) {
  if (frame->hd.type != NGHTTP2_HEADERS) return 0;
  H2Stream* stream = owner_of(user_data).find(frame->hd.stream_id);
  if (stream == nullptr || stream->head_ready) return 0;  // trailers are not kept
  const HttpLimits& limits = owner_of(user_data).limits();
  // As SETTINGS_MAX_HEADER_LIST_SIZE counts (RFC 9113 section 6.5.2).
  stream->header_bytes += name_size + value_size + 32;
  if (stream->header_bytes > limits.max_header_bytes) {
    return refuse(*stream,
                  "response head exceeds " + std::to_string(limits.max_header_bytes) + " bytes");
  }
  const std::string_view n = text(name, name_size);
  const std::string_view v = text(value, value_size);
  if (n == ":status") {
    int status = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), status);
    if (ec != std::errc() || end != v.data() + v.size() || v.size() != 3 || status < 100) {
      return refuse(*stream, "invalid :status '" + std::string(v) + "'");
    }
    stream->status = status;
    return 0;
  }
  if (stream->headers.size() >= limits.max_header_count) {
    return refuse(*stream, "response head has more than " +
                               std::to_string(limits.max_header_count) + " fields");
  }
  try {
    stream->headers.add(n, v);
  } catch (const Error& e) {
    return refuse(*stream, std::string("invalid response header: ") + e.what());
  } catch (const std::bad_alloc&) {
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  }
  return 0;
}

// A body kept whole grows in place: room for its declared length (up to
// one piece) is made once, instead of doubling as DATA frames arrive.
void reserve_declared(H2Stream& stream) noexcept {
  try {
    const std::optional<std::string> declared = stream.headers.get("content-length");
    if (!declared) return;
    std::size_t length = 0;
    const char* last = declared->data() + declared->size();
    const auto [end, ec] = std::from_chars(declared->data(), last, length);
    if (ec == std::errc() && end == last) {
      stream.body.reserve(std::min(length, H2Stream::kWholePiece));
    }
  } catch (const std::bad_alloc&) {
    // It grows as it would have.
  }
}

int on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
  H2Session& session = owner_of(user_data);
  if (frame->hd.type == NGHTTP2_GOAWAY) {
    session.goaway();
    return 0;
  }
  if (frame->hd.type == NGHTTP2_RST_STREAM) {
    if (H2Stream* stream = session.find(frame->hd.stream_id)) stream->reset_by_server = true;
    return 0;
  }
  if (frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) return 0;
  H2Stream* stream = session.find(frame->hd.stream_id);
  if (stream == nullptr) return 0;
  const bool end = (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;
  if (frame->hd.type == NGHTTP2_HEADERS && !stream->head_ready) {
    if (stream->status >= 100 && stream->status < 200) {
      // An interim response (100 Continue, 103 Early Hints): the final one follows.
      if (++stream->interim > session.limits().max_interim_responses) {
        return refuse(*stream, "too many interim (1xx) responses");
      }
      stream->status = 0;
      stream->headers = Headers();
      stream->header_bytes = 0;
      return 0;
    }
    stream->head_ready = true;
    if (stream->whole) reserve_declared(*stream);
  }
  if (end) stream->ended = true;
  stream->waiters.wake_all();
  return 0;
}

int on_data_chunk_recv(nghttp2_session*, std::uint8_t, std::int32_t stream_id,
                       const std::uint8_t* data, std::size_t size, void* user_data) {
  H2Session& session = owner_of(user_data);
  H2Stream* stream = session.find(stream_id);
  if (stream == nullptr) {
    // A stream the client gave up: its window goes back to the connection.
    nghttp2_session_consume_connection(session.ng(), size);
    return 0;
  }
  try {
    stream->body.append(reinterpret_cast<const char*>(data), size);
  } catch (const std::bad_alloc&) {
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  }
  stream->waiters.wake_all();
  return 0;
}

// Most empty DATA frames without END_STREAM in a row: each costs a pass
// through the session and carries nothing.
constexpr std::uint32_t kMaxEmptyData = 100;

// nghttp2_session_mem_recv then fails: the connection ends, named by `what`.
int flooded(H2Session& session, std::uint64_t most, const char* what) noexcept {
  try {
    session.fault("more than " + std::to_string(most) + what);
  } catch (const std::bad_alloc&) {
    session.fault("a flood of frames");
  }
  return NGHTTP2_ERR_CALLBACK_FAILURE;
}

// Limits upstream nghttp2 1.52 does not have. A header block may come in
// many CONTINUATION frames that nghttp2 reads one by one, keeping nothing,
// so a peer can send them forever without END_HEADERS (the CVE-2024-27316
// class): at most 8 plus one per KiB of max_header_bytes. (Debian's
// 1.52.0-1+deb12u3 carries nghttp2's own fix, which stops sooner; this one
// holds where that fix is missing.) Empty DATA frames cost as much and carry
// nothing.
int on_begin_frame(nghttp2_session*, const nghttp2_frame_hd* hd, void* user_data) {
  H2Session& session = owner_of(user_data);
  H2FloodCounters& flood = session.flood();
  if (hd->type == NGHTTP2_HEADERS || hd->type == NGHTTP2_PUSH_PROMISE) {
    flood.continuations = 0;
  } else if (hd->type == NGHTTP2_CONTINUATION) {
    const std::uint64_t most = 8 + session.limits().max_header_bytes / 1024;
    if (++flood.continuations > most) {
      return flooded(session, most, " CONTINUATION frames in one header block");
    }
  } else if (hd->type == NGHTTP2_DATA) {
    if (hd->length > 0) {
      flood.empty_data = 0;
    } else if ((hd->flags & NGHTTP2_FLAG_END_STREAM) == 0 && ++flood.empty_data > kMaxEmptyData) {
      return flooded(session, kMaxEmptyData, " empty DATA frames in a row");
    }
  }
  return 0;
}

int on_frame_send(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
  if (frame->hd.type == NGHTTP2_GOAWAY) owner_of(user_data).goaway_sent(frame->goaway.error_code);
  return 0;
}

// nghttp2's description of what it found wrong, kept to name the error.
int on_error(nghttp2_session*, int, const char* message, std::size_t size, void* user_data) {
  owner_of(user_data).fault(std::string_view(message, size));
  return 0;
}

int on_stream_close(nghttp2_session*, std::int32_t stream_id, std::uint32_t code, void* user_data) {
  owner_of(user_data).stream_closed(stream_id, code);
  return 0;
}

}  // namespace

nghttp2_session* new_client_session(H2Session* owner) {
  nghttp2_session_callbacks* callbacks = nullptr;
  nghttp2_option* option = nullptr;
  if (nghttp2_session_callbacks_new(&callbacks) != 0 || nghttp2_option_new(&option) != 0) {
    nghttp2_session_callbacks_del(callbacks);
    throw std::bad_alloc();
  }
  nghttp2_session_callbacks_set_on_header_callback(callbacks, on_header);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, on_frame_recv);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, on_data_chunk_recv);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, on_stream_close);
  nghttp2_session_callbacks_set_on_begin_frame_callback(callbacks, on_begin_frame);
  nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, on_frame_send);
  nghttp2_session_callbacks_set_error_callback2(callbacks, on_error);
  nghttp2_option_set_no_auto_window_update(option, 1);
  // Against floods: SETTINGS entries per frame, and queued answers (SETTINGS
  // and PING ACKs, RST_STREAMs) a peer can make the client owe.
  nghttp2_option_set_max_settings(option, 64);
  nghttp2_option_set_max_outbound_ack(option, 1000);
  nghttp2_session* session = nullptr;
  const int rv = nghttp2_session_client_new3(&session, callbacks, owner, option, h2_memory());
  nghttp2_session_callbacks_del(callbacks);
  nghttp2_option_del(option);
  if (rv != 0) throw std::bad_alloc();
  return session;
}

ssize_t read_request_body(nghttp2_session*, std::int32_t stream_id, std::uint8_t* buf,
                          std::size_t length, std::uint32_t* data_flags, nghttp2_data_source*,
                          void* user_data) {
  H2Session& session = owner_of(user_data);
  H2Stream* stream = session.find(stream_id);
  if (stream == nullptr) return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  const Request& request = *stream->request;
  if (!request.stream()) {
    const std::string& content = request.content();
    const std::size_t n = std::min<std::size_t>(length, content.size() - stream->sent_bytes);
    std::memcpy(buf, content.data() + stream->sent_bytes, n);
    stream->sent_bytes += n;
    if (stream->sent_bytes == content.size()) {
      *data_flags |= NGHTTP2_DATA_FLAG_EOF;
      stream->request_sent = true;
      stream->waiters.wake_all();
    }
    return static_cast<ssize_t>(n);
  }
  if (stream->piece_offset < stream->piece.size()) {
    const std::size_t n = std::min(length, stream->piece.size() - stream->piece_offset);
    std::memcpy(buf, stream->piece.data() + stream->piece_offset, n);
    stream->piece_offset += n;
    stream->sent_bytes += n;
    return static_cast<ssize_t>(n);
  }
  if (stream->source_ended) {
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    stream->request_sent = true;
    stream->waiters.wake_all();
    return 0;
  }
  // Ask for the next piece; nghttp2 calls again after resume_data.
  try {
    session.pull_upload(stream_id);
  } catch (...) {
    return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  }
  return NGHTTP2_ERR_DEFERRED;
}

}  // namespace httpxx::native
