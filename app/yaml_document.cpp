#include "app/yaml_document.hpp"

#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "app/input_file.hpp"

namespace dcsim::app {

namespace {

// 1-based line and column of byte `pos` in `text`.
void position_of(const std::string& text, std::size_t pos, int& line, int& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or npos.
std::size_t invalid_utf8_at(const std::string& s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned min_cp = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, min_cp = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min_cp = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min_cp = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string::npos;
}

// A quote or flow bracket that is still open at byte `end` of `text`: the open quote if any, else the
// innermost open bracket. A lexical scan (comments skipped; a quote or bracket counts only where a
// value can start), used only to explain a parse error, never to accept or reject a file.
struct Opening {
  std::size_t pos;
  char ch;
};
std::optional<Opening> open_delimiter(const std::string& text, std::size_t end) {
  std::vector<Opening> brackets;
  std::optional<Opening> quote;
  char prev = '\n', prev_sig = '\n';  // previous character; previous non-blank one on the line
  for (std::size_t i = 0; i < end && i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (quote->ch == '"' && c == '\\') {
        ++i;
      } else if (c == quote->ch && c == '\'' && i + 1 < end && text[i + 1] == '\'') {
        ++i;
      } else if (c == quote->ch) {
        quote.reset();
        prev = prev_sig = c;
      }
      continue;
    }
    if (c == '\n') {
      prev = prev_sig = '\n';
      continue;
    }
    const bool after_blank = prev == ' ' || prev == '\t' || prev == '\n';
    if (c == '#' && after_blank) {
      while (i + 1 < end && text[i + 1] != '\n') ++i;
      continue;
    }
    const bool value_start = (prev_sig == '\n' || std::strchr(":-[{,?", prev_sig) != nullptr) &&
                             (after_blank || std::strchr("[{,", prev) != nullptr);
    if ((c == '"' || c == '\'') && value_start) {
      quote = Opening{i, c};
    } else if ((c == '[' || c == '{') && value_start) {
      brackets.push_back({i, c});
    } else if ((c == ']' || c == '}') && !brackets.empty()) {
      brackets.pop_back();
    }
    prev = c;
    if (c != ' ' && c != '\t') prev_sig = c;
  }
  if (quote) return quote;
  if (!brackets.empty()) return brackets.back();
  return std::nullopt;
}

// Byte offset of the marker line that ends the first document when a second one with content
// follows, else npos. Comments, blank lines and directives ('%YAML') are not content.
std::size_t second_document_at(const std::string& text) {
  bool content = false;  // of the current document
  int documents = 0;     // documents with content seen before the current one
  std::size_t marker = std::string::npos;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + pos, end - pos);
    const bool is_marker = (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") &&
                           (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
    if (is_marker) {
      if (content) {
        ++documents;
        content = false;
        marker = pos;
      }
      // Content on the marker line itself ("--- a: 1" or "--- |") belongs to the next document.
      const std::size_t rest = line.find_first_not_of(" \t\r", 3);
      if (rest != std::string::npos && line[rest] != '#' && line.substr(0, 3) == "---") content = true;
    } else {
      const std::size_t first = line.find_first_not_of(" \t\r");
      if (first != std::string::npos && line[first] != '#' && !(first == 0 && line[0] == '%')) content = true;
    }
    if (content && documents > 0) return marker;
    pos = end + 1;
  }
  return std::string::npos;
}

}  // namespace

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string item_path(const std::string& parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

YamlDocument::YamlDocument(std::string name, std::string text)
    : name_(std::move(name)), text_(std::make_shared<const std::string>(std::move(text))) {}

YamlDocument YamlDocument::load_file(const std::string& path) {
  if (check_input_file(path).kind == InputFileKind::missing) {
    InputError e;
    e.file = path;
    e.message = "cannot open the file (missing, or not readable)";
    throw InputException(std::move(e));
  }
  std::string text;
  try {
    text = read_input_file(path, kMaxYamlFileBytes);
  } catch (const InputFileError& ex) {
    InputError e;
    e.file = path;
    e.message = ex.what();
    throw InputException(std::move(e));
  }
  return from_string(std::move(text), path);
}

YamlDocument YamlDocument::from_string(std::string text, std::string name) {
  YamlDocument doc(std::move(name), std::move(text));
  doc.parse();
  return doc;
}

void YamlDocument::parse() {
  const std::string& text = *text_;
  auto fail = [&](std::size_t pos, std::string message, bool snippet) {
    InputError e;
    e.file = name_;
    position_of(text, pos, e.line, e.column);
    e.message = std::move(message);
    if (snippet) e.source = text_;
    throw InputException(std::move(e));
  };
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    fail(nul, "the file contains a NUL byte: it is binary, not a YAML text file", false);
  }
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string::npos) {
    fail(bad, fmt::format("invalid UTF-8 (byte 0x{:02X}): a YAML file must be UTF-8 text",
                          static_cast<unsigned char>(text[bad])),
         false);
  }
  const char* const kUnclosedQuote = "malformed YAML: this quoted string is never closed";
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::Exception& ex) {
    const std::size_t at = ex.mark.is_null() || ex.mark.pos < 0 ? text.size() : static_cast<std::size_t>(ex.mark.pos);
    const std::optional<Opening> open = open_delimiter(text, at);
    if (open && (open->ch == '"' || open->ch == '\'') && ex.msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
      fail(open->pos, kUnclosedQuote, true);
    }
    InputError e = error_at_mark(ex.mark, "", fmt::format("malformed YAML: {}", ex.msg));
    if (e.line == 0) position_of(text, text.size(), e.line, e.column);
    if (open && (open->ch == '[' || open->ch == '{')) {
      int line = 0, column = 0;
      position_of(text, open->pos, line, column);
      if (line < e.line) e.hint = fmt::format("the '{}' opened on line {}, column {} is not closed", open->ch, line, column);
    }
    throw InputException(std::move(e));
  }
  // yaml-cpp accepts a quoted string left open up to a final line break; without it, it reports the
  // open quote (so both must agree before this is called an error).
  if (const std::optional<Opening> open = open_delimiter(text, text.size()); open && (open->ch == '"' || open->ch == '\'')) {
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    try {
      YAML::Load(text.substr(0, last == std::string::npos ? 0 : last + 1));
    } catch (const YAML::Exception& ex) {
      if (ex.msg == YAML::ErrorMsg::EOF_IN_SCALAR) fail(open->pos, kUnclosedQuote, true);
    }
  }
  if (!root_.IsDefined() || root_.IsNull()) {
    fail(0, "the file is empty: expected a mapping of keys", false);
  }
  // yaml-cpp takes the first document and drops the rest silently. (YAML::LoadAll can loop for
  // ever on some malformed input, so the second document is found lexically: a line starting with
  // '---' or '...' is a document marker wherever it is, and one with content after it, following
  // content, starts a second document.)
  if (const std::size_t second = second_document_at(text); second != std::string::npos) {
    InputError e;
    e.file = name_;
    position_of(text, second, e.line, e.column);
    e.source = text_;
    e.message = "a second YAML document (after '---'): a scenario or sweep file holds one";
    e.hint = "remove the '---' line and what follows, or split the file in two";
    throw InputException(std::move(e));
  }
  check_nodes();
}

// One walk over the tree as the loader will see it (an alias counts each time it is used): tags,
// the size of each scalar, and the size of the whole once aliases are expanded (a few kB of
// aliases of aliases can stand for gigabytes), stopped at the first limit passed.
void YamlDocument::check_nodes() const {
  std::vector<YAML::Node> stack{root_};
  std::size_t nodes = 0, scalar_bytes = 0;
  while (!stack.empty()) {
    const YAML::Node n = stack.back();
    stack.pop_back();
    if (++nodes > kMaxExpandedNodes) {
      throw InputException(error_at_mark(n.Mark(), "", fmt::format("the document expands to more than {} values", kMaxExpandedNodes),
                                         "YAML aliases (*name) repeat what their anchor (&name) holds; write the values out, "
                                         "or use fewer aliases"));
    }
    if (n.IsScalar()) {
      const std::size_t size = n.Scalar().size();
      if (size > kMaxScalarBytes) {
        throw InputException(error_at_mark(n.Mark(), "", fmt::format("a value of {} bytes: the limit for one value is {} bytes",
                                                                     size, kMaxScalarBytes)));
      }
      scalar_bytes += size;
      if (scalar_bytes > kMaxExpandedBytes) {
        throw InputException(error_at_mark(n.Mark(), "", fmt::format("the document's values, with aliases expanded, exceed {} MB",
                                                                     kMaxExpandedBytes >> 20),
                                           "YAML aliases (*name) repeat what their anchor (&name) holds; use fewer aliases"));
      }
    }
    const std::string& tag = n.Tag();
    if (!tag.empty() && tag != "?" && tag != "!") {
      const std::string shown = tag.rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + tag.substr(18) : tag;
      throw InputException(error_at_mark(n.Mark(), "", fmt::format("YAML tag '{}' is not supported: dcsim reads plain values", shown),
                                         "remove the tag; quote a value to make it a string"));
    }
    if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        stack.push_back(it->second);
        stack.push_back(it->first);
      }
    } else if (n.IsSequence()) {
      for (auto it = n.begin(); it != n.end(); ++it) stack.push_back(*it);
    }
  }
}

InputError YamlDocument::error_at_mark(const YAML::Mark& mark, const std::string& path,
                                       std::string message, std::string hint) const {
  InputError e;
  e.file = name_;
  e.path = path;
  e.message = std::move(message);
  e.hint = std::move(hint);
  e.origin = origin_of(path);
  if (e.origin.empty() && !mark.is_null() && mark.line >= 0) {
    e.line = mark.line + 1;
    e.column = mark.column + 1;
    e.source = text_;
  }
  return e;
}

InputError YamlDocument::error_at(const YAML::Node& node, const std::string& path,
                                  std::string message, std::string hint,
                                  const YAML::Node& fallback) const {
  YAML::Mark mark = YAML::Mark::null_mark();
  if (node.IsDefined() && !node.IsNull()) {
    mark = node.Mark();
  } else if (fallback.IsDefined()) {
    mark = fallback.Mark();
  } else if (node.IsDefined()) {
    mark = node.Mark();
  }
  return error_at_mark(mark, path, std::move(message), std::move(hint));
}

std::string YamlDocument::origin_of(const std::string& path) const {
  if (origins_.empty()) return {};
  std::string p = path;
  while (true) {
    if (auto it = origins_.find(p); it != origins_.end()) return it->second;
    const std::size_t cut = p.find_last_of(".[");
    if (cut == std::string::npos || p.empty()) break;
    p.resize(cut);
  }
  return {};
}

}  // namespace dcsim::app
