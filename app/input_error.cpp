#include "app/input_error.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace dcsim::app {

namespace {

// Line `n` (1-based) of `text`, without its line break; empty if beyond the end.
std::string_view line_of(std::string_view text, int n) {
  std::size_t start = 0;
  for (int i = 1; i < n; ++i) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A source line as quoted under a message: whole up to kMaxQuoted bytes, else a window of it around
// byte `at` with "..." where it is cut (a 1 MB value on one line is not echoed whole).
constexpr std::size_t kMaxQuoted = 160;
struct Clip {
  std::string text;
  std::size_t start = 0;  // byte of the line where the quoted part begins
  std::size_t lead = 0;   // characters before it on the quoted line ("..." = 3)
};
Clip clipped(std::string_view line, std::size_t at) {
  if (line.size() <= kMaxQuoted) return {std::string(line), 0, 0};
  std::size_t start = at > kMaxQuoted / 2 ? at - kMaxQuoted / 2 : 0;
  while (start > 0 && (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) --start;
  std::size_t end = std::min(line.size(), start + kMaxQuoted);
  while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
  Clip c;
  c.start = start;
  c.lead = start > 0 ? 3 : 0;
  c.text = fmt::format("{}{}{}", start > 0 ? "..." : "", line.substr(start, end - start), end < line.size() ? "..." : "");
  return c;
}

}  // namespace

std::string InputError::format() const {
  std::string out;
  if (!origin.empty()) {
    out = origin;
  } else {
    out = file.empty() ? std::string("<input>") : file;
    if (line > 0) out += fmt::format(":{}", line);
    if (line > 0 && column > 0) out += fmt::format(":{}", column);
  }
  out += ": error: ";
  if (!path.empty()) out += path + ": ";
  out += message;
  out += '\n';
  if (origin.empty() && source && line > 0) {
    const int width = static_cast<int>(fmt::format("{}", line).size()) + 1;
    if (line > 1) out += fmt::format("{:>{}} | {}\n", line - 1, width, clipped(line_of(*source, line - 1), 0).text);
    const std::string_view full = line_of(*source, line);
    const Clip clip = clipped(full, column > 0 ? static_cast<std::size_t>(column - 1) : 0);
    out += fmt::format("{:>{}} | {}\n", line, width, clip.text);
    if (column > 0) {
      std::string pad(clip.lead, ' ');  // keep tabs so the caret lines up in a terminal
      for (std::size_t i = clip.start; i < static_cast<std::size_t>(column - 1); ++i) {
        pad += i < full.size() && full[i] == '\t' ? '\t' : ' ';
      }
      out += fmt::format("{:>{}} | {}^\n", "", width, pad);
    }
  }
  if (!hint.empty()) out += "  hint: " + hint + '\n';
  return out;
}

void InputErrors::append(const InputErrors& other) {
  errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
}

std::string InputErrors::format() const {
  std::string out;
  for (std::size_t i = 0; i < errors_.size() && i < kMaxShown; ++i) out += errors_[i].format();
  if (errors_.size() > kMaxShown) out += fmt::format("... and {} more\n", errors_.size() - kMaxShown);
  if (errors_.size() > 1) out += fmt::format("{} errors\n", errors_.size());
  return out;
}

void InputErrors::throw_if_any() const {
  if (!errors_.empty()) throw InputException(*this);
}

InputException::InputException(InputErrors errors)
    : std::runtime_error(errors.format()), errors_(std::move(errors)) {}

InputException::InputException(InputError error)
    : InputException([&] {
        InputErrors e;
        e.add(std::move(error));
        return e;
      }()) {}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A typo changes about one character in three at most; short words allow one edit, and a word that
  // differs only by case ("kw" for "kW") is always a match.
  const std::size_t limit = std::max<std::size_t>(1, (word.size() + 1) / 3);
  std::string best;
  std::size_t best_d = limit + 1;
  for (const std::string& c : candidates) {
    // The distance is at least the difference in length: skip the quadratic table (a 10 MB value
    // would need gigabytes) when that alone rules the candidate out.
    const std::size_t diff = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (diff >= best_d) continue;
    const std::size_t dist = edit_distance(word, c);
    if (dist < best_d) {
      best_d = dist;
      best = c;
    }
  }
  return best;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view list_label) {
  const std::string best = closest_match(word, candidates);
  if (!best.empty()) return fmt::format("did you mean '{}'?", best);
  if (candidates.empty()) return {};
  return fmt::format("{}: {}", list_label, join(candidates));
}

std::string echo(std::string_view value, std::size_t max) {
  if (value.size() <= max) return std::string(value);
  std::size_t cut = max > 20 ? max - 20 : max;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return fmt::format("{}... ({} bytes)", value.substr(0, cut), value.size());
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

}  // namespace dcsim::app
