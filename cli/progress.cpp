#include "progress.hpp"

#include <algorithm>
#include <cstdio>

namespace httpxx::cli {

namespace {

constexpr std::size_t kMinBarWidth = 8;
// "123.4 MiB / 123.4 MiB  123.4 MiB/s  ETA 0:00", the longest usual counts
constexpr std::size_t kCountsWidth = 44;
constexpr std::size_t kMaxBarWidth = 30;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Cuts `line` to `width` columns without splitting a UTF-8 sequence
// (escape-free text, one column per code point).
std::string fit(std::string line, std::size_t width) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xc0) == 0x80) continue;
    if (++columns > width) {
      line.resize(i);
      break;
    }
  }
  return line;
}

// Columns of escape-free UTF-8 text: one per code point.
std::size_t columns(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

// `label` cut to `width` columns by dropping its middle ("http://host/ve...th?q=1"),
// which keeps both the start and the end of a URL or path readable.
std::string shorten(const std::string& label, std::size_t width) {
  if (columns(label) <= width) return label;
  if (width <= 3) return fit(label, width);
  const std::size_t head = (width - 3) / 2, tail = width - 3 - head;
  std::size_t tail_start = label.size();
  for (std::size_t kept = 0; kept < tail && tail_start > 0;) {
    --tail_start;
    if ((static_cast<unsigned char>(label[tail_start]) & 0xc0) != 0x80) ++kept;
  }
  return fit(label, head) + "..." + label.substr(tail_start);
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::string format_eta(double seconds) {
  auto total = static_cast<long long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

std::string progress_line(const Transfer& t, Clock::time_point now, std::size_t label_width,
                          std::size_t width) {
  std::string line = shorten(t.label, label_width);
  line.append(label_width - std::min(label_width, columns(line)), ' ');
  line += "  ";
  if (!t.error.empty()) return line + t.error;

  const Clock::time_point end = t.finished.value_or(now);
  const double elapsed = seconds_between(t.started, end);
  const double rate = elapsed > 0 ? static_cast<double>(t.received) / elapsed : 0;
  std::string counts = format_bytes(t.received);
  if (t.total && !t.finished) counts += " / " + format_bytes(*t.total);
  counts += "  " + format_bytes(static_cast<std::uint64_t>(rate)) + "/s";
  if (t.finished) {
    char took[32];
    std::snprintf(took, sizeof took, "  done in %.2f s", elapsed);
    counts += took;
  } else if (t.total && rate > 0 && t.received < *t.total) {
    counts += "  ETA " + format_eta(static_cast<double>(*t.total - t.received) / rate);
  }
  if (!t.total) return line + counts;

  // The bar takes what the rest of the line leaves, reserving room for the
  // longest counts so that its width does not change from frame to frame.
  const std::size_t others = columns(line) + kCountsWidth + 9;  // "[", "] ", "100%", "  "
  const std::size_t bar =
      std::clamp<std::size_t>(width > others ? width - others : 0, kMinBarWidth, kMaxBarWidth);
  const std::uint64_t total = std::max<std::uint64_t>(*t.total, 1);
  const std::uint64_t done = std::min(t.received, total);
  const auto filled = static_cast<std::size_t>(done * bar / total);
  line += '[' + std::string(filled, '#') + std::string(bar - filled, '.') + "] ";
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%",
                *t.total ? static_cast<int>(done * 100 / total) : 100);
  return line + percent + "  " + counts;
}

void ProgressBoard::draw(std::span<const Transfer* const> transfers) {
  const Clock::time_point now = Clock::now();
  std::size_t label_width = 0;
  for (const Transfer* t : transfers) label_width = std::max(label_width, columns(t->label));
  // Labels get at most a fifth of the line (so that a line fits in 80
  // columns); longer ones lose their middle.
  label_width = std::min(label_width, std::max<std::size_t>(12, width_ / 5));

  std::string frame;
  if (lines_drawn_ > 0) frame += "\x1b[" + std::to_string(lines_drawn_) + "A";
  for (const Transfer* t : transfers) {
    // Leave the last column free: writing into it makes some terminals wrap.
    frame += "\r\x1b[2K" + fit(progress_line(*t, now, label_width, width_ - 1), width_ - 1) + "\n";
  }
  lines_drawn_ = transfers.size();
  out_ << frame << std::flush;
}

}  // namespace httpxx::cli
