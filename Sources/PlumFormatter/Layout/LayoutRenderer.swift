/// A printed line before it is joined into text: indentation, code and a trailing comment.
struct OutputLine: Equatable, Sendable {
  /// Indentation in levels of two spaces.
  var indent: Int
  /// The code on the line, without indentation; empty for an empty line.
  var text: String
  /// A comment at the end of the line, if any.
  var comment: String?

  /// The line's width in columns up to its comment.
  var codeWidth: Int { text.isEmpty ? 0 : indent * 2 + text.count }

  /// The line as text: indentation, code, then the comment one space after the code.
  var rendered: String {
    let code = text.isEmpty ? "" : String(repeating: "  ", count: indent) + text
    guard let comment else { return code }
    if code.isEmpty { return String(repeating: "  ", count: indent) + comment }
    return code + " " + comment
  }
}

/// Turns layout commands into lines, breaking each group that does not fit in the line width.
struct LayoutRenderer {
  /// The widest a line may grow before a group is broken.
  let width: Int
  private let commands: [LayoutCommand]
  private var lines: [OutputLine] = []
  private var current = OutputLine(indent: 0, text: "")
  private var level = 0
  /// Whether each open group is printed flat.
  private var flat: [Bool] = []
  /// For each open group, how many lines were finished at its last line break opportunity, to
  /// tell whether the item after it spans lines.
  private var itemStarts: [Int] = []
  private var pendingSpace = false
  /// Inline comments waiting for the next text on the line, or for the end of the line.
  private var pendingComments: [String] = []
  /// How many columns of the current line are comments, which do not count toward its width.
  private var commentColumns = 0

  /// Renders the commands into lines (the last line complete, with no empty line at the end).
  static func render(_ commands: [LayoutCommand], width: Int) -> [OutputLine] {
    var renderer = LayoutRenderer(width: width, commands: commands)
    renderer.run()
    return renderer.lines
  }

  private init(width: Int, commands: [LayoutCommand]) {
    self.width = width
    self.commands = commands
  }

  private var atLineStart: Bool { current.text.isEmpty && current.comment == nil && pendingComments.isEmpty }

  private var inFlatGroup: Bool { flat.last ?? false }

  private mutating func run() {
    for index in commands.indices {
      defer {
        switch commands[index] {
        case .line, .softLine, .fillLine:
          if !itemStarts.isEmpty { itemStarts[itemStarts.count - 1] = lines.count }
        default: break
        }
      }
      switch commands[index] {
      case .text(let text):
        place(text)
      case .space:
        if !atLineStart { pendingSpace = true }
      case .line:
        if inFlatGroup {
          if !atLineStart { pendingSpace = true }
        } else {
          newline()
        }
      case .softLine:
        if !inFlatGroup { newline() }
      case .fillLine:
        // An item that spanned lines ends its last line, like an item that does not fit.
        let previousSpannedLines = itemStarts.last.map { $0 != lines.count } ?? false
        if inFlatGroup || (!previousSpannedLines && fitsNextItem(after: index)) {
          if !atLineStart { pendingSpace = true }
        } else {
          newline()
        }
      case .newline:
        newline()
      case .blankLine:
        newline()
        if let last = lines.last, !(last.text.isEmpty && last.comment == nil) {
          lines.append(OutputLine(indent: 0, text: ""))
        }
      case .open:
        flat.append(inFlatGroup || fits(openingAt: index))
        itemStarts.append(lines.count)
      case .close:
        _ = flat.popLast()
        _ = itemStarts.popLast()
      case .indent:
        level += 1
      case .dedent:
        level = max(0, level - 1)
      case .breakGroup:
        break
      case .pad(let count):
        if inFlatGroup {
          if !atLineStart { pendingSpace = true }
        } else if !atLineStart {
          pendingSpace = false
          current.text += String(repeating: " ", count: max(1, count))
        }
      case .trailingComment(let text):
        pendingComments.append(text)
        newline()
      case .inlineComment(let text):
        pendingComments.append(text)
      case .ownLineComment(let text):
        newline()
        current.indent = level
        current.comment = text
        newline()
      }
    }
    newline()
  }

  private mutating func place(_ text: String) {
    for comment in pendingComments {
      // The comment and one space; and the space before it, when none would be there without it.
      let spaced = current.text.isEmpty || current.text.hasSuffix(" ")
      commentColumns += comment.count + 1 + (spaced || pendingSpace ? 0 : 1)
      current.text += spaced ? comment : " " + comment
      pendingSpace = true
    }
    pendingComments.removeAll()
    if !current.text.isEmpty, pendingSpace { current.text += " " }
    pendingSpace = false
    current.text += text
  }

  /// Ends the current line; the next one is indented to the current level. On an empty line,
  /// only takes the current level, so the last of several breaks in a row sets the indentation.
  private mutating func newline() {
    pendingSpace = false
    if !pendingComments.isEmpty {
      // Comments that end up last on the line are laid out like trailing comments.
      let comments = pendingComments.joined(separator: " ")
      pendingComments.removeAll()
      current.comment = current.comment.map { $0 + " " + comments } ?? comments
    }
    guard !atLineStart else {
      current.indent = level
      return
    }
    lines.append(current)
    current = OutputLine(indent: level, text: "")
    commentColumns = 0
  }

  /// The column where the next text would start, not counting comments: whether a comment ends
  /// its line or sits between tokens, the same groups break, so formatting twice changes nothing.
  private var column: Int {
    if atLineStart { return current.indent * 2 }
    return current.indent * 2 + current.text.count - commentColumns + (pendingSpace ? 1 : 0)
  }

  /// Whether the group opening at `start` fits on the current line flat, together with the text
  /// that follows it up to the next place where the line may break.
  private func fits(openingAt start: Int) -> Bool {
    var width = column
    var depth = 0
    var ended = false
    var spaced = pendingSpace || atLineStart
    var index = start + 1
    while index < commands.count, width <= self.width {
      switch commands[index] {
      case .text(let text):
        width += text.count
        spaced = false
      case .inlineComment:
        // Comments do not count toward the width: whether one ends its line or not, the same
        // groups break.
        break
      case .space, .pad:
        if !spaced { width += 1 }
        spaced = true
      case .line, .fillLine:
        if ended { return true }
        if !spaced { width += 1 }
        spaced = true
      case .softLine:
        if ended { return true }
      case .newline, .blankLine, .ownLineComment, .trailingComment:
        return ended
      case .breakGroup:
        if !ended { return false }
      case .open:
        depth += 1
      case .close:
        depth -= 1
        if depth < 0 { ended = true }
      case .indent, .dedent:
        break
      }
      index += 1
    }
    return width <= self.width
  }

  /// Whether the item after a `fillLine` (the text up to the group's next line, or its end) fits
  /// after a space on the current line. An item with a line break inside never does, so items
  /// that span lines start lines of their own.
  private func fitsNextItem(after start: Int) -> Bool {
    var width = column + (atLineStart ? 0 : 1)
    var depth = 0
    var index = start + 1
    while index < commands.count, width <= self.width {
      switch commands[index] {
      case .text(let text):
        width += text.count
      case .inlineComment:
        break
      case .space, .pad:
        width += 1
      case .line, .fillLine:
        if depth == 0 { return true }
        width += 1
      case .softLine:
        if depth == 0 { return true }
      case .newline, .blankLine, .ownLineComment, .trailingComment:
        return depth == 0 && endsItem(at: index)
      case .breakGroup:
        // A group inside the item that must break; the list's own mark says nothing of the item.
        if depth > 0 { return false }
      case .open:
        depth += 1
      case .close:
        depth -= 1
        if depth < 0 { return true }
      case .indent, .dedent:
        break
      }
      index += 1
    }
    return width <= self.width
  }

  /// Whether nothing but line breaks and structure lie between `start` and the end of an item (a
  /// line of the group, or its end).
  private func endsItem(at start: Int) -> Bool {
    for command in commands[start...] {
      switch command {
      case .newline, .trailingComment, .inlineComment, .indent, .dedent, .open, .breakGroup: continue
      case .line, .fillLine, .softLine, .close: return true
      default: return false
      }
    }
    return true
  }
}
