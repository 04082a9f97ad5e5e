#include "httpxx/parallel.hpp"

#include <deque>
#include <stdexcept>
#include <unordered_set>

#include "client_state.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/loop.hpp"
#include "recycling_allocator.hpp"

namespace httpxx {

namespace detail {

// A token holds the coroutine to resume and lives as long as the waiting
// coroutine; a posted wake-up holds a weak reference, so it does nothing
// once the coroutine is gone. Tokens come from the recycled pool
// (recycling_allocator.hpp); the posted std::function still allocates (it
// stores only trivially copyable callables inline).
using Token = std::shared_ptr<coro::coroutine_handle<>>;
inline Token new_token() {
  return std::allocate_shared<coro::coroutine_handle<>>(
      RecyclingAllocator<coro::coroutine_handle<>>());
}

inline void post_resume(Loop& loop, const Token& token) {
  loop.post([weak = std::weak_ptr<coro::coroutine_handle<>>(token)] {
    if (Token live = weak.lock()) live->resume();
  });
}

// A coroutine waiting for a completion. The token dies with the awaiter, so
// a wake-up posted for a coroutine that was destroyed meanwhile does nothing.
struct Waiter {
  Token token = new_token();  // holds the waiting coroutine
};

void wake(Loop& loop, Waiter* waiter) { post_resume(loop, waiter->token); }

struct PendingState {
  explicit PendingState(Request r) : request(std::move(r)) {}
  Request request;
  bool done = false;
  bool taken = false;
  std::optional<Response> response;
  std::exception_ptr error;
  std::vector<Waiter*> waiters;
  std::weak_ptr<struct ParallelState> set;  // to count it as taken
};

struct ParallelState {
  std::shared_ptr<ClientState> client;
  Loop* loop = nullptr;
  ParallelOptions options;
  std::vector<std::shared_ptr<PendingState>> submitted;  // submission order
  std::deque<std::shared_ptr<PendingState>> finished;    // completion order, not taken
  std::size_t untaken = 0;
  std::size_t running = 0;                      // holding a concurrency slot
  std::deque<coro::coroutine_handle<>> queued;  // runners waiting for a slot
  std::unordered_set<void*, std::hash<void*>, std::equal_to<void*>,
                     RecyclingAllocator<void*>>
      runners;  // live runner frames
  std::vector<Waiter*> next_waiters;
  bool closed = false;

  void take(PendingState& p) {
    if (!p.taken) {
      p.taken = true;
      --untaken;
      ++taken_in_submitted;
    }
    // Forget taken requests (their PendingResponse handles keep their own
    // state), so that a long-lived Parallel does not grow with every request
    // it ever ran. Amortised: only when half of the list is taken.
    if (taken_in_submitted > 32 && taken_in_submitted * 2 > submitted.size()) {
      std::erase_if(submitted, [](const auto& q) { return q->taken && q->done; });
      taken_in_submitted = 0;
    }
  }
  std::size_t taken_in_submitted = 0;
  void start_runner(coro::coroutine_handle<> h);
  void cancel_all() noexcept;
};

namespace {

// A self-owned coroutine running one request: registered in its set while
// alive, destroyed by the set when cancelled.
struct Runner {
  struct promise_type {
    static void* operator new(std::size_t size) { return detail::allocate_frame(size); }
    static void operator delete(void* frame, std::size_t size) noexcept {
      detail::deallocate_frame(frame, size);
    }

    ParallelState* set = nullptr;
    Token token = new_token();  // holds this runner's own handle
    ~promise_type() {
      if (set)
        set->runners.erase(coro::coroutine_handle<promise_type>::from_promise(*this).address());
    }
    Runner get_return_object() noexcept {
      return Runner{coro::coroutine_handle<promise_type>::from_promise(*this)};
    }
    coro::suspend_always initial_suspend() noexcept { return {}; }
    coro::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }  // the body catches everything
  };
  coro::coroutine_handle<promise_type> handle;
};

Runner run_one(ParallelState* set, std::shared_ptr<PendingState> pending, Task<Response> task) {
  try {
    pending->response = co_await std::move(task);
  } catch (...) {
    pending->error = std::current_exception();
  }
  pending->done = true;
  set->finished.push_back(pending);
  for (Waiter* w : pending->waiters) wake(*set->loop, w);
  pending->waiters.clear();
  if (!set->next_waiters.empty()) {
    wake(*set->loop, set->next_waiters.front());
    set->next_waiters.erase(set->next_waiters.begin());
  }
  --set->running;
  if (!set->queued.empty()) {
    auto next = set->queued.front();
    set->queued.pop_front();
    set->start_runner(next);
  }
}

struct WaitFor {
  std::vector<Waiter*>& list;
  Waiter waiter;
  WaitFor(std::vector<Waiter*>& l) : list(l) {}  // NOLINT
  WaitFor(const WaitFor&) = delete;
  WaitFor& operator=(const WaitFor&) = delete;
  ~WaitFor() { std::erase(list, &waiter); }
  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h) {
    *waiter.token = h;
    list.push_back(&waiter);
  }
  void await_resume() const noexcept {}
};

Response result_of(PendingState& p) {
  // Defensive: a waiter woken without a result would otherwise read nothing.
  if (!p.done) throw RequestError("the request did not finish", p.request);
  if (p.error) std::rethrow_exception(p.error);
  return *p.response;
}

}  // namespace

void ParallelState::start_runner(coro::coroutine_handle<> h) {
  ++running;
  auto typed = coro::coroutine_handle<Runner::promise_type>::from_address(h.address());
  *typed.promise().token = h;
  post_resume(*loop, typed.promise().token);
}

void ParallelState::cancel_all() noexcept {
  queued.clear();
  auto live = std::move(runners);
  runners.clear();
  for (void* address : live) {
    auto h = coro::coroutine_handle<Runner::promise_type>::from_address(address);
    h.promise().set = nullptr;
    h.destroy();  // destroying the suspended send closes its socket / aborts its fetch
  }
  running = 0;
  // The cancelled requests end with an error of their own, which is not
  // reported by close(); whoever waits for them is woken to see it.
  for (const auto& p : submitted) {
    if (p->done) continue;
    p->done = true;
    try {
      p->error = std::make_exception_ptr(
          RequestError("the request was cancelled by Parallel::close()", p->request));
    } catch (...) {
      p->error = std::current_exception();
    }
    if (!p->taken) {
      p->taken = true;
      --untaken;
    }
    for (Waiter* w : p->waiters) wake(*loop, w);
    p->waiters.clear();
  }
  for (Waiter* w : next_waiters) wake(*loop, w);
  next_waiters.clear();
}

}  // namespace detail

// ------------------------------------------------------------ PendingResponse

Task<Response> PendingResponse::get_response() {
  if (!state_) throw std::logic_error("get_response() on an empty httpxx::PendingResponse");
  auto state = state_;
  if (!state->done) co_await detail::WaitFor(state->waiters);
  if (auto set = state->set.lock()) {
    set->take(*state);
  } else {
    state->taken = true;
  }
  co_return detail::result_of(*state);
}

bool PendingResponse::done() const noexcept { return state_ && state_->done; }

const Request& PendingResponse::request() const {
  if (!state_) throw std::logic_error("request() on an empty httpxx::PendingResponse");
  return state_->request;
}

// ------------------------------------------------------------------- Parallel

Parallel::Parallel(std::shared_ptr<detail::ClientState> client, Loop& loop, ParallelOptions options)
    : state_(std::make_shared<detail::ParallelState>()) {
  state_->client = std::move(client);
  state_->loop = &loop;
  state_->options = options;
}

Parallel::Parallel(Parallel&&) noexcept = default;
Parallel& Parallel::operator=(Parallel&& other) noexcept {
  if (this != &other) {
    if (state_) state_->cancel_all();
    state_ = std::move(other.state_);
  }
  return *this;
}

Parallel::~Parallel() {
  if (state_) state_->cancel_all();
}

PendingResponse Parallel::get(URL url, RequestOptions options) {
  return request("GET", std::move(url), std::move(options));
}
PendingResponse Parallel::post(URL url, RequestOptions options) {
  return request("POST", std::move(url), std::move(options));
}
PendingResponse Parallel::put(URL url, RequestOptions options) {
  return request("PUT", std::move(url), std::move(options));
}
PendingResponse Parallel::patch(URL url, RequestOptions options) {
  return request("PATCH", std::move(url), std::move(options));
}
PendingResponse Parallel::delete_(URL url, RequestOptions options) {
  return request("DELETE", std::move(url), std::move(options));
}
PendingResponse Parallel::head(URL url, RequestOptions options) {
  return request("HEAD", std::move(url), std::move(options));
}
PendingResponse Parallel::options(URL url, RequestOptions options) {
  return request("OPTIONS", std::move(url), std::move(options));
}

PendingResponse Parallel::request(std::string method, URL url, RequestOptions options) {
  Request built = detail::build_request(*state_->client, method, std::move(url), options);
  return send(std::move(built), SendOptions{options.stream, options.follow_redirects,
                                            options.timeout, std::move(options.auth)});
}

PendingResponse Parallel::send(Request request, SendOptions options) {
  auto& s = *state_;
  if (s.closed) throw std::logic_error("this httpxx::Parallel is closed");
  auto pending = std::allocate_shared<detail::PendingState>(
      detail::RecyclingAllocator<detail::PendingState>(), request);
  pending->set = state_;
  Task<Response> task = detail::send_request(s.client, std::move(request), options);
  detail::Runner runner = detail::run_one(&s, pending, std::move(task));
  runner.handle.promise().set = &s;
  s.runners.insert(runner.handle.address());
  s.submitted.push_back(pending);
  ++s.untaken;
  if (s.options.max_concurrency != 0 && s.running >= s.options.max_concurrency) {
    s.queued.push_back(runner.handle);
  } else {
    s.start_runner(runner.handle);
  }
  return PendingResponse(std::move(pending));
}

Task<Response> Parallel::next_response() {
  auto state = state_;
  for (;;) {
    while (!state->finished.empty()) {
      auto p = std::move(state->finished.front());
      state->finished.pop_front();
      if (p->taken) continue;  // already returned by its get_response()
      state->take(*p);
      co_return detail::result_of(*p);
    }
    if (state->untaken == 0) {
      throw std::logic_error("next_response(): no pending request is left (check has_pending())");
    }
    co_await detail::WaitFor(state->next_waiters);
  }
}

bool Parallel::has_pending() const noexcept { return state_ && state_->untaken > 0; }
std::size_t Parallel::running() const noexcept { return state_ ? state_->runners.size() : 0; }

Task<std::vector<Response>> Parallel::gather() {
  auto state = state_;
  std::vector<Response> out;
  std::exception_ptr first_error;
  for (const auto& p : std::vector(state->submitted)) {
    if (p->taken) continue;
    if (!p->done) co_await detail::WaitFor(p->waiters);
    state->take(*p);
    if (p->error) {
      if (!first_error) first_error = p->error;
    } else if (p->response) {
      out.push_back(*p->response);
    }
  }
  if (first_error) std::rethrow_exception(first_error);
  co_return out;
}

Task<void> Parallel::close() {
  auto state = state_;
  if (!state || state->closed) co_return;
  state->closed = true;
  // Cancelling destroys the suspended requests, which closes their sockets
  // (aborts their fetches) there and then.
  state->cancel_all();
  for (const auto& p : state->submitted) {
    if (p->done && p->error && !p->taken) {
      p->taken = true;
      std::rethrow_exception(p->error);
    }
  }
}

}  // namespace httpxx
