// The codec set of builds whose transport decodes bodies itself (the
// browser's fetch undoes gzip, deflate and br before httpxx sees a byte).
#include "decoding/content_decoder.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<ContentDecoder> make_codec(std::string_view) { return nullptr; }
std::string_view accepted_encodings() noexcept { return {}; }

}  // namespace httpxx::detail
