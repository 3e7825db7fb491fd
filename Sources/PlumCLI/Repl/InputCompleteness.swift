/// Decides whether REPL input is complete or continues on the next line: it continues while a
/// parenthesis, bracket or brace is open (outside strings and `//` comments).
enum InputCompleteness {
  /// Whether `text` (every line typed so far for one entry) closes every bracket it opens.
  static func isComplete(_ text: String) -> Bool {
    var depth = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var inString = false
      var escaped = false
      var previous: Character?
      for character in line {
        defer { previous = character }
        if inString {
          if escaped {
            escaped = false
          } else if character == "\\" {
            escaped = true
          } else if character == "\"" {
            inString = false
          }
          continue
        }
        if character == "/", previous == "/" { break }
        switch character {
        case "\"": inString = true
        case "(", "[", "{": depth += 1
        case ")", "]", "}": depth -= 1
        default: break
        }
      }
    }
    // Too many closers is an error for the parser to report, not a reason to wait.
    return depth <= 0
  }
}
