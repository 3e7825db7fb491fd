/// One key press as the line editor sees it, decoded from terminal bytes.
enum Key: Hashable, Sendable {
  /// A printable character (a whole grapheme, or a scalar that may combine with the previous one).
  case character(Character)
  /// Return or Enter.
  case enter
  /// Backspace (or Ctrl-H).
  case backspace
  /// The Delete key.
  case delete
  /// Tab.
  case tab
  /// The arrow keys.
  case left, right, up, down
  /// Home and End.
  case home, end
  /// Ctrl-Left / Alt-B and Ctrl-Right / Alt-F: a word at a time.
  case wordLeft, wordRight
  /// Alt-Backspace: delete the word before the cursor.
  case deleteWordBackward
  /// A control key, Ctrl-A to Ctrl-Z, named by its lowercase letter.
  case control(Character)
  /// Escape on its own.
  case escape
  /// A sequence the editor does not know.
  case unknown
}
