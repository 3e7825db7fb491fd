import PlumDiagnostics

extension LineEditor {
  /// The text that redraws the prompt and the line on the terminal's current row and puts the
  /// cursor in place.
  ///
  /// A line wider than the terminal scrolls sideways: the part around the cursor is shown, so
  /// the row never wraps (wrapping would leave the cursor arithmetic wrong).
  func rendering(prompt: String, width: Int) -> String {
    let promptWidth = DisplayWidth.of(prompt)
    // The last column stays free: writing there makes some terminals wrap early.
    let room = max(1, width - promptWidth - 1)
    var start = 0
    while start < cursor, DisplayWidth.of(characters[start..<cursor]) > room - 1 { start += 1 }
    var end = start
    var used = 0
    while end < characters.count, used + DisplayWidth.of(characters[end]) <= room {
      used += DisplayWidth.of(characters[end])
      end += 1
    }
    let column = promptWidth + DisplayWidth.of(characters[start..<cursor])
    var out = "\r" + prompt + String(characters[start..<end]) + "\u{1B}[K\r"
    if column > 0 { out += "\u{1B}[\(column)C" }
    return out
  }
}
