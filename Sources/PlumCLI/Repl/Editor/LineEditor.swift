/// The line editor as a pure state machine: keys in, effects out, no terminal involved.
///
/// The line is kept as characters (grapheme clusters), so the cursor never stops inside one:
/// moving left over `é` or `日` is one step whatever its UTF-8 length. History is navigated with
/// Up and Down; the line being typed is kept aside and comes back below the newest entry.
struct LineEditor: Sendable {
  /// What the caller must do after a key.
  enum Effect: Hashable, Sendable {
    /// Nothing changed.
    case none
    /// The line or the cursor changed: draw it again.
    case redraw
    /// Enter: the line is complete (the editor is already cleared for the next one).
    case submit(String)
    /// Ctrl-D on an empty line: the input has ended.
    case endOfInput
    /// Ctrl-C: the line was abandoned.
    case cancel
    /// Ctrl-L: clear the screen, then draw the line again.
    case clearScreen
    /// The key could not do anything here (such as Backspace at the start): ring the bell.
    case bell
  }

  /// The characters of the line.
  private(set) var characters: [Character] = []
  /// The cursor, as an index into `characters` (0 … count).
  private(set) var cursor = 0
  /// Earlier lines, oldest first.
  private(set) var history: [String]
  /// The most entries kept.
  let historyLimit: Int
  /// Which history entry is shown, or nil for the line being typed.
  private var historyIndex: Int?
  /// The line being typed, kept while browsing history.
  private var draft: [Character] = []
  /// The text last removed by Ctrl-K, Ctrl-U or Ctrl-W, for Ctrl-Y.
  private(set) var killed: [Character] = []

  /// Creates an editor with earlier history, oldest first.
  init(history: [String] = [], historyLimit: Int = 1000) {
    self.historyLimit = max(1, historyLimit)
    self.history = Array(history.suffix(self.historyLimit))
  }

  /// The line as text.
  var line: String { String(characters) }

  /// Applies one key.
  mutating func apply(_ key: Key) -> Effect {
    switch key {
    case .character(let character): return insert([character])
    case .tab: return insert([" ", " "])
    case .enter:
      let text = line
      clear()
      return .submit(text)
    case .backspace, .control("h"): return deleteBackward()
    case .delete: return deleteForward()
    case .control("d"): return characters.isEmpty ? .endOfInput : deleteForward()
    case .left, .control("b"): return move(to: cursor - 1)
    case .right, .control("f"): return move(to: cursor + 1)
    case .home, .control("a"): return move(to: 0)
    case .end, .control("e"): return move(to: characters.count)
    case .wordLeft: return move(to: wordStart(before: cursor))
    case .wordRight: return move(to: wordEnd(after: cursor))
    case .up, .control("p"): return recall(older: true)
    case .down, .control("n"): return recall(older: false)
    case .control("k"): return kill(cursor..<characters.count)
    case .control("u"): return kill(0..<cursor)
    case .control("w"), .deleteWordBackward: return kill(spaceDelimitedWordStart(before: cursor)..<cursor)
    case .control("y"): return killed.isEmpty ? .bell : insert(killed)
    case .control("l"): return .clearScreen
    case .control("c"):
      clear()
      return .cancel
    case .control, .escape, .unknown: return .none
    }
  }

  /// Adds a submitted line to the history, unless it is blank or repeats the newest entry.
  mutating func remember(_ entry: String) {
    guard !entry.allSatisfy(\.isWhitespace), history.last != entry else { return }
    history.append(entry)
    if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
  }

  /// Empties the line and leaves history browsing.
  mutating func clear() {
    characters = []
    cursor = 0
    historyIndex = nil
    draft = []
  }

  // MARK: Editing

  private mutating func insert(_ inserted: [Character]) -> Effect {
    for character in inserted {
      // A combining mark, joiner or modifier typed after a character joins it, so the line stays
      // in whole graphemes.
      if cursor > 0, !character.isASCII {
        let joined = String(characters[cursor - 1]) + String(character)
        if joined.count == 1, let merged = joined.first {
          characters[cursor - 1] = merged
          continue
        }
      }
      characters.insert(character, at: cursor)
      cursor += 1
    }
    return .redraw
  }

  private mutating func deleteBackward() -> Effect {
    guard cursor > 0 else { return .bell }
    characters.remove(at: cursor - 1)
    cursor -= 1
    return .redraw
  }

  private mutating func deleteForward() -> Effect {
    guard cursor < characters.count else { return .bell }
    characters.remove(at: cursor)
    return .redraw
  }

  private mutating func move(to position: Int) -> Effect {
    let clamped = max(0, min(position, characters.count))
    guard clamped != cursor else { return position == cursor ? .none : .bell }
    cursor = clamped
    return .redraw
  }

  private mutating func kill(_ range: Range<Int>) -> Effect {
    guard !range.isEmpty else { return .bell }
    killed = Array(characters[range])
    characters.removeSubrange(range)
    cursor = range.lowerBound
    return .redraw
  }

  // MARK: Words

  private func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_"
  }

  private func wordStart(before position: Int) -> Int {
    var index = position
    while index > 0, !isWordCharacter(characters[index - 1]) { index -= 1 }
    while index > 0, isWordCharacter(characters[index - 1]) { index -= 1 }
    return index
  }

  private func wordEnd(after position: Int) -> Int {
    var index = position
    while index < characters.count, !isWordCharacter(characters[index]) { index += 1 }
    while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
    return index
  }

  /// Where Ctrl-W starts deleting: back over spaces, then back to the previous space.
  private func spaceDelimitedWordStart(before position: Int) -> Int {
    var index = position
    while index > 0, characters[index - 1].isWhitespace { index -= 1 }
    while index > 0, !characters[index - 1].isWhitespace { index -= 1 }
    return index
  }

  // MARK: History

  private mutating func recall(older: Bool) -> Effect {
    if older {
      let next = (historyIndex ?? history.count) - 1
      guard next >= 0 else { return .bell }
      if historyIndex == nil { draft = characters }
      historyIndex = next
      characters = Array(history[next])
    } else {
      guard let index = historyIndex else { return .bell }
      if index + 1 < history.count {
        historyIndex = index + 1
        characters = Array(history[index + 1])
      } else {
        historyIndex = nil
        characters = draft
      }
    }
    cursor = characters.count
    return .redraw
  }
}
