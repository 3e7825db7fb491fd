/// One source line as a diagnostic shows it: tabs as spaces, control characters as pictures,
/// columns in display width, and a line wider than `maxWidth` cut to a window around the focus
/// with `…` at each cut end.
struct SourceExcerpt {
  /// The widest line shown whole; wider lines are cut to this many columns around the focus.
  static let maxWidth = 120
  /// The columns of context kept before the focus when a line is cut.
  static let leadingContext = 40

  /// The text to print after the gutter.
  let text: String
  /// The first scalar (0-based, within the line) of each character.
  private let scalarStarts: [Int]
  /// The display column (0-based) where each character starts.
  private let columns: [Int]
  /// The number of scalars in the line.
  private let scalarCount: Int
  /// The display width of the whole line.
  private let width: Int
  /// The shown columns of the line, `window.lowerBound` printed right after any leading `…`.
  private let window: Range<Int>

  /// Lays out `line` around the scalar index `focus` (0-based).
  init(line: String, focus: Int) {
    var scalarStarts: [Int] = []
    var columns: [Int] = []
    var widths: [Int] = []
    var characters: [Character] = []
    var scalar = 0
    var column = 0
    for character in line {
      let shown = Self.printable(character)
      scalarStarts.append(scalar)
      columns.append(column)
      let width = DisplayWidth.of(shown)
      widths.append(width)
      characters.append(shown)
      scalar += character.unicodeScalars.count
      column += width
    }
    self.scalarStarts = scalarStarts
    self.columns = columns
    scalarCount = scalar
    width = column
    var window = 0..<column
    if column > Self.maxWidth {
      let focusColumn = Self.column(
        ofScalar: focus, starts: scalarStarts, columns: columns, scalarCount: scalar, width: column)
      var lower = focusColumn <= Self.maxWidth / 2 ? 0 : focusColumn - Self.leadingContext
      if lower + Self.maxWidth > column { lower = column - Self.maxWidth }
      // A wide character cut by the window's start is left out: the window starts after it.
      let first = columns.first { $0 >= lower } ?? lower
      window = first..<(lower + Self.maxWidth)
    }
    self.window = window
    var text = window.lowerBound > 0 ? "…" : ""
    for index in characters.indices
    where columns[index] >= window.lowerBound && columns[index] + widths[index] <= window.upperBound {
      text.append(characters[index])
    }
    if window.upperBound < column { text += "…" }
    self.text = text
  }

  /// A tab as a space, and other control characters as their Unicode control pictures (`␛` for
  /// escape), so the terminal neither acts on them nor loses their column.
  static func printable(_ character: Character) -> Character {
    if character == "\t" { return " " }
    guard let first = character.unicodeScalars.first else { return character }
    if first.value < 0x20, let picture = Unicode.Scalar(0x2400 + first.value) { return Character(picture) }
    if first.value == 0x7F { return "\u{2421}" }
    return character
  }

  /// The padding before a marker for the scalars `start..<end` and its width, both in columns of
  /// `text`; the marker stays within the shown window and is at least one column wide.
  func marker(from start: Int, to end: Int) -> (pad: Int, width: Int) {
    let lead = window.lowerBound > 0 ? 1 : 0
    let first = clamp(
      Self.column(
        ofScalar: start, starts: scalarStarts, columns: columns, scalarCount: scalarCount, width: width))
    let last = clamp(Self.column(endingAt: end, starts: scalarStarts, columns: columns, width: width))
    return (first - window.lowerBound + lead, max(1, last - first))
  }

  private func clamp(_ column: Int) -> Int {
    min(max(column, window.lowerBound), window.upperBound)
  }

  /// The column where the character holding scalar `scalar` starts; the line's width past its end.
  private static func column(
    ofScalar scalar: Int, starts: [Int], columns: [Int], scalarCount: Int, width: Int
  ) -> Int {
    guard scalar < scalarCount else { return width }
    guard let last = starts.lastIndex(where: { $0 <= scalar }) else { return 0 }
    return columns[last]
  }

  /// The column just after the characters that start before scalar `scalar`.
  private static func column(endingAt scalar: Int, starts: [Int], columns: [Int], width: Int) -> Int {
    guard let next = starts.firstIndex(where: { $0 >= scalar }) else { return width }
    return columns[next]
  }
}
