#pragma once
/// \file
/// Progress of body transfers, drawn as lines redrawn in place on a terminal.

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>

namespace httpxx::cli {

using Clock = std::chrono::steady_clock;

/// "512 B", "1.5 KiB", "3.2 MiB", …
[[nodiscard]] std::string format_bytes(std::uint64_t bytes);
/// "0:07", "12:34", "1:02:03".
[[nodiscard]] std::string format_eta(double seconds);

/// One transfer: what arrived so far, of how much if known.
struct Transfer {
  std::string label{};
  std::optional<std::uint64_t> total{};
  std::uint64_t received = 0;
  Clock::time_point started = Clock::now();
  std::optional<Clock::time_point> finished{};
  /// Set when the transfer failed; shown instead of the counts.
  std::string error{};
};

/// The progress line of `t` at `now`, for a line of `width` columns, e.g.
/// `out.bin  [##########..............]  42%  420.0 KiB / 1000.0 KiB  2.1 MiB/s  ETA 0:01`.
/// The label is padded or shortened (its middle dropped) to `label_width`;
/// the bar takes the room left. Without a known total: no bar, no ETA.
/// Once finished, the total (now the count) and the ETA give way to the time taken.
[[nodiscard]] std::string progress_line(const Transfer& t, Clock::time_point now,
                                        std::size_t label_width, std::size_t width);

/// A block of progress lines on a terminal, redrawn in place: each `draw`
/// moves the cursor back up over the previous block. Lines are cut to the
/// terminal's width so that none wraps (a wrapped line would break the
/// redraw). Only for a terminal: the caller draws nothing when piped.
class ProgressBoard {
 public:
  ProgressBoard(std::ostream& out, std::size_t width) : out_(out), width_(width) {}
  void draw(std::span<const Transfer* const> transfers);

 private:
  std::ostream& out_;
  std::size_t width_;
  std::size_t lines_drawn_ = 0;
};

}  // namespace httpxx::cli
