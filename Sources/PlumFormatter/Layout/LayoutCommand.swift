/// One instruction of a layout: text to print, a place where a line may break, or structure.
///
/// A layout is a flat list of these, in the style of Oppen's and Wadler's pretty printers: a
/// group is printed on one line when it fits, and otherwise each `line` in it becomes a line break.
enum LayoutCommand: Equatable, Sendable {
  /// Text printed as it is.
  case text(String)
  /// One space between two pieces of text; none at the start of a line, and never two in a row.
  case space
  /// A space when the enclosing group is flat, a line break when it is broken.
  case line
  /// Nothing when the enclosing group is flat, a line break when it is broken.
  case softLine
  /// A space when the enclosing group is flat or when the text up to the next line of the group
  /// still fits on the current line, otherwise a line break: items fill lines like words.
  case fillLine
  /// A line break, unless the current line is still empty.
  case newline
  /// A line break and one empty line, unless an empty line (or the start of the output) is there.
  case blankLine
  /// Starts a group.
  case open
  /// Ends the innermost group.
  case close
  /// Indents the lines that start after it by one more level.
  case indent
  /// Undoes one `indent`.
  case dedent
  /// Makes the enclosing group break, whatever its width.
  case breakGroup
  /// Alignment padding: that many spaces in a broken group, one space in a flat group.
  case pad(Int)
  /// A comment placed at the end of the current line.
  case trailingComment(String)
  /// A comment between two tokens of a line, or at the end of the line when it breaks after it.
  case inlineComment(String)
  /// A comment on a line of its own, at the current indentation.
  case ownLineComment(String)

  /// Whether the command only shapes the layout and prints nothing by itself.
  var isStructural: Bool {
    switch self {
    case .open, .close, .indent, .dedent, .breakGroup: true
    default: false
    }
  }
}
