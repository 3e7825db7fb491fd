/// One source line laid out for display: each character made printable, with its first scalar and
/// its display column. Computed once per line, however many diagnostics point into it.
struct LineLayout {
  /// The printable characters of the line.
  fileprivate let characters: [Character]
  /// The first scalar (0-based, within the line) of each character.
  fileprivate let scalarStarts: [Int]
  /// The display column (0-based) where each character starts.
  fileprivate let columns: [Int]
  /// The display width of each character.
  fileprivate let widths: [Int]
  /// The number of scalars in the line.
  fileprivate let scalarCount: Int
  /// The display width of the whole line.
  fileprivate let width: Int

  /// Lays out `line`.
  init(line: String) {
    var scalarStarts: [Int] = []
    var columns: [Int] = []
    var widths: [Int] = []
    var characters: [Character] = []
    var scalar = 0
    var column = 0
    for character in line {
      let shown = SourceExcerpt.printable(character)
      scalarStarts.append(scalar)
      columns.append(column)
      let width = DisplayWidth.of(shown)
      widths.append(width)
      characters.append(shown)
      scalar += character.unicodeScalars.count
      column += width
    }
    self.characters = characters
    self.scalarStarts = scalarStarts
    self.columns = columns
    self.widths = widths
    scalarCount = scalar
    width = column
  }

  /// The first index in `0..<count` for which `isAfter` holds (`count` when none); `isAfter` must
  /// be false then true along the indices (a binary search).
  fileprivate static func partition(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if isAfter(mid) { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// The column where the character holding scalar `scalar` starts; the line's width past its end.
  fileprivate func column(ofScalar scalar: Int) -> Int {
    guard scalar < scalarCount else { return width }
    let after = Self.partition(scalarStarts.count) { scalarStarts[$0] > scalar }
    return after == 0 ? 0 : columns[after - 1]
  }

  /// The column just after the characters that start before scalar `scalar`.
  fileprivate func column(endingAt scalar: Int) -> Int {
    let next = Self.partition(scalarStarts.count) { scalarStarts[$0] >= scalar }
    return next == scalarStarts.count ? width : columns[next]
  }

  /// The index of the first character starting at or after display column `column`.
  fileprivate func firstCharacter(atOrAfter column: Int) -> Int {
    Self.partition(columns.count) { columns[$0] >= column }
  }
}

/// One source line as a diagnostic shows it: tabs as spaces, control characters as pictures,
/// columns in display width, and a line wider than `maxWidth` cut to a window around the focus
/// with `…` at each cut end.
///
/// Cutting the window costs time in the window's width and the logarithm of the line's length, so
/// many diagnostics on one long line render in linear time once its `LineLayout` is made.
struct SourceExcerpt {
  /// The widest line shown whole; wider lines are cut to this many columns around the focus.
  static let maxWidth = 120
  /// The columns of context kept before the focus when a line is cut.
  static let leadingContext = 40

  /// The text to print after the gutter.
  let text: String
  /// The line's layout.
  private let layout: LineLayout
  /// The shown columns of the line, `window.lowerBound` printed right after any leading `…`.
  private let window: Range<Int>

  /// Lays out `line` around the scalar index `focus` (0-based).
  init(line: String, focus: Int) {
    self.init(layout: LineLayout(line: line), focus: focus)
  }

  /// Cuts a laid-out line around the scalar index `focus` (0-based).
  init(layout: LineLayout, focus: Int) {
    self.layout = layout
    let column = layout.width
    var window = 0..<column
    if column > Self.maxWidth {
      let focusColumn = layout.column(ofScalar: focus)
      var lower = focusColumn <= Self.maxWidth / 2 ? 0 : focusColumn - Self.leadingContext
      if lower + Self.maxWidth > column { lower = column - Self.maxWidth }
      // A wide character cut by the window's start is left out: the window starts after it.
      let firstIndex = layout.firstCharacter(atOrAfter: lower)
      let first = firstIndex < layout.columns.count ? layout.columns[firstIndex] : lower
      window = first..<(lower + Self.maxWidth)
    }
    self.window = window
    var text = window.lowerBound > 0 ? "…" : ""
    // Columns only grow along the line, so the shown characters are one run of indices.
    var index = layout.firstCharacter(atOrAfter: window.lowerBound)
    while index < layout.characters.count, layout.columns[index] + layout.widths[index] <= window.upperBound {
      text.append(layout.characters[index])
      index += 1
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
    let first = clamp(layout.column(ofScalar: start))
    let last = clamp(layout.column(endingAt: end))
    return (first - window.lowerBound + lead, max(1, last - first))
  }

  private func clamp(_ column: Int) -> Int {
    min(max(column, window.lowerBound), window.upperBound)
  }
}
