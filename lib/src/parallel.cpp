#include "httpxx/parallel.hpp"

#include <deque>
#include <stdexcept>

#include "async/list_link.hpp"
#include "async/task_scope.hpp"
#include "async/wait_list.hpp"
#include "client_state.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/loop.hpp"
#include "recycling_allocator.hpp"

namespace httpxx {

namespace detail {

// Linked (as a ListLink) into its set's `finished` list while it is done and
// not taken.
struct PendingState : ListLink, std::enable_shared_from_this<PendingState> {
  explicit PendingState(SharedRequest r) : request(std::move(r)) {}
  // Shared with the send, which copies it only if it must change it (hooks,
  // the jar's cookies).
  SharedRequest request;
  bool done = false;
  bool taken = false;
  std::optional<Response> response;
  std::exception_ptr error;
  WaitList waiters;                         // get_response() and gather()
  std::weak_ptr<struct ParallelState> set;  // to count it as taken
};

struct ParallelState {
  ParallelState(std::shared_ptr<ClientState> c, Loop& loop, ParallelOptions o)
      : client(std::move(c)), options(o), runners(loop) {}

  std::shared_ptr<ClientState> client;
  ParallelOptions options;
  std::vector<std::shared_ptr<PendingState>> submitted;  // submission order
  ListLink finished;  // completion order, not taken (owned by `submitted`)
  std::size_t untaken = 0;
  std::size_t running = 0;               // holding a concurrency slot
  std::deque<TaskScope::Member> queued;  // runners waiting for a slot
  WaitList next_waiters;                 // next_response()
  bool closed = false;

  void take(PendingState& p) {
    p.unlink();  // from `finished`
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
  void start_runner(TaskScope::Member runner) noexcept;
  void cancel_all() noexcept;

  // One member per request, queued or running. Declared last, so destroyed
  // first: the runners go before the state they use.
  TaskScope runners;
};

namespace {

// Runs one request as a member of its set's scope, which destroys it when
// the set is cancelled.
Task<void> run_one(ParallelState* set, std::shared_ptr<PendingState> pending, Task<Response> task) {
  try {
    pending->response = co_await std::move(task);
  } catch (...) {
    pending->error = std::current_exception();
  }
  pending->done = true;
  pending->link_before(set->finished);
  pending->waiters.wake_all();
  set->next_waiters.wake_one();
  --set->running;
  if (!set->queued.empty()) {
    TaskScope::Member next = set->queued.front();
    set->queued.pop_front();
    set->start_runner(next);
  }
}

Response result_of(PendingState& p) {
  // Defensive: a waiter woken without a result would otherwise read nothing.
  if (!p.done) throw RequestError("the request did not finish", *p.request);
  if (p.error) std::rethrow_exception(p.error);
  return *p.response;
}

}  // namespace

void ParallelState::start_runner(TaskScope::Member runner) noexcept {
  ++running;
  runners.start(runner);
}

void ParallelState::cancel_all() noexcept {
  queued.clear();
  runners.cancel();  // destroying a suspended send closes its socket / aborts its fetch
  running = 0;
  // The cancelled requests end with an error of their own, which is not
  // reported by close(); whoever waits for them is woken to see it.
  for (const auto& p : submitted) {
    if (p->done) continue;
    p->done = true;
    try {
      p->error = std::make_exception_ptr(
          RequestError("the request was cancelled by Parallel::close()", *p->request));
    } catch (...) {
      p->error = std::current_exception();
    }
    if (!p->taken) {
      p->taken = true;
      --untaken;
    }
    p->waiters.wake_all();
  }
  next_waiters.wake_all();
}

}  // namespace detail

// ------------------------------------------------------------ PendingResponse

Task<Response> PendingResponse::get_response() {
  if (!state_) throw std::logic_error("get_response() on an empty httpxx::PendingResponse");
  auto state = state_;
  if (!state->done) (void)co_await state->waiters.wait();
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
  return *state_->request;
}

// ------------------------------------------------------------------- Parallel

Parallel::Parallel(std::shared_ptr<detail::ClientState> client, Loop& loop, ParallelOptions options)
    : state_(std::make_shared<detail::ParallelState>(std::move(client), loop, options)) {}

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

PendingResponse Parallel::request(std::string method, URL url, RequestOptions options) {
  Request built = detail::build_request(*state_->client, method, std::move(url), options);
  return send(std::move(built), detail::send_options_of(options));
}

PendingResponse Parallel::send(Request request, SendOptions options) {
  auto& s = *state_;
  if (s.closed) throw std::logic_error("this httpxx::Parallel is closed");
  detail::SharedRequest shared = detail::share(std::move(request));
  auto pending = std::allocate_shared<detail::PendingState>(
      detail::RecyclingAllocator<detail::PendingState>(), shared);
  pending->set = state_;
  Task<Response> task = detail::send_request(s.client, std::move(shared), options);
  detail::TaskScope::Member runner = s.runners.adopt(detail::run_one(&s, pending, std::move(task)));
  s.submitted.push_back(pending);
  ++s.untaken;
  if (s.options.max_concurrency != 0 && s.running >= s.options.max_concurrency) {
    s.queued.push_back(runner);
  } else {
    s.start_runner(runner);
  }
  return PendingResponse(std::move(pending));
}

Task<Response> Parallel::next_response() {
  auto state = state_;
  for (;;) {
    while (state->finished.linked()) {
      // Held here: taking it may drop the set's own reference.
      std::shared_ptr<detail::PendingState> p =
          static_cast<detail::PendingState*>(state->finished.next())->shared_from_this();
      p->unlink();
      if (p->taken) continue;  // already returned by close()
      state->take(*p);
      co_return detail::result_of(*p);
    }
    if (state->untaken == 0) {
      throw std::logic_error("next_response(): no pending request is left (check has_pending())");
    }
    (void)co_await state->next_waiters.wait();
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
    if (!p->done) (void)co_await p->waiters.wait();
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
