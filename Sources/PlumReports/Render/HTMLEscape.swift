/// Escaping for HTML text and attribute values: every `&`, `<`, `>`, `"` and `'` becomes an entity,
/// so no text in a report can open a tag, end an attribute or start a script.
enum HTMLEscape {
  /// `text` safe inside an element or a quoted attribute.
  static func text(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      // Control characters other than tab and newline are not allowed in HTML text.
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// An `id` attribute value from a section id: letters, digits, `-` and `_` only.
  static func identifier(_ text: String) -> String {
    let kept = text.unicodeScalars.map { scalar -> Character in
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
      default: "-"
      }
    }
    return kept.isEmpty ? "section" : String(kept)
  }
}
