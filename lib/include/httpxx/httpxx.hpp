#pragma once
/// \file
/// Everything of httpxx's public API that this platform offers.

#include "httpxx/async_client.hpp"
#include "httpxx/auth.hpp"
#include "httpxx/cookies.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/headers.hpp"
#include "httpxx/hooks.hpp"
#include "httpxx/json.hpp"
#include "httpxx/limits.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/mock_transport.hpp"
#include "httpxx/multipart.hpp"
#include "httpxx/options.hpp"
#include "httpxx/parallel.hpp"
#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/task.hpp"
#include "httpxx/text_stream.hpp"
#include "httpxx/timeout.hpp"
#include "httpxx/transport.hpp"
#include "httpxx/url.hpp"
#if !defined(HTTPXX_NO_BLOCKING_CLIENT)
#include "httpxx/client.hpp"
#endif
