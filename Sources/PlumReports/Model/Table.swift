/// A table of typed cells; each column says how its numbers are shown.
public struct Table: Hashable, Sendable, Codable {
  /// A heading above the table, if any.
  public var title: String?
  /// The columns, left to right.
  public var columns: [Column]
  /// The rows; each has one cell per column.
  public var rows: [Row]
  /// Sentences under the table (what a symbol means, what was left out).
  public var notes: [String]

  /// Creates a table.
  public init(title: String? = nil, columns: [Column], rows: [Row] = [], notes: [String] = []) {
    self.title = title
    self.columns = columns
    self.rows = rows
    self.notes = notes
  }
}

/// A column's heading and the way its cells are shown.
public struct Column: Hashable, Sendable, Codable {
  /// The heading.
  public var title: String
  /// How numbers and intervals in the column are written.
  public var style: NumberStyle

  /// Creates a column.
  public init(_ title: String, _ style: NumberStyle = .text) {
    self.title = title
    self.style = style
  }
}

/// How a number is written: as text, a whole number, a decimal or a percentage, with a fixed number
/// of decimal places.
public enum NumberStyle: Hashable, Sendable {
  /// Cells are text; numbers are written in their shortest form.
  case text
  /// Whole numbers with thousands separators: `12,345`.
  case integer
  /// A fixed number of decimal places: `0.47`.
  case decimal(places: Int)
  /// A fixed number of decimal places, rounded down: `0.7996` → `0.799`, so a value under a
  /// threshold (an impact ratio under 0.8) never reads as the threshold.
  case decimalDown(places: Int)
  /// A fraction as a percentage with fixed places: `0.207` → `20.7%`.
  case percent(places: Int)

  /// Whether the column's text is aligned right (numbers) rather than left.
  public var alignsRight: Bool { self != .text }
}

extension NumberStyle: Codable {
  private enum Key: String, CodingKey {
    case kind, places
  }

  /// Reads `{"kind": "percent", "places": 1}`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    let places = try container.decodeIfPresent(Int.self, forKey: .places) ?? 0
    switch try container.decode(String.self, forKey: .kind) {
    case "text": self = .text
    case "integer": self = .integer
    case "decimal": self = .decimal(places: places)
    case "decimal_down": self = .decimalDown(places: places)
    case "percent": self = .percent(places: places)
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown number style `\(other)`")
    }
  }

  /// Writes the style as its kind and, for decimals and percentages, its places.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    switch self {
    case .text: try container.encode("text", forKey: .kind)
    case .integer: try container.encode("integer", forKey: .kind)
    case .decimal(let places):
      try container.encode("decimal", forKey: .kind)
      try container.encode(places, forKey: .places)
    case .decimalDown(let places):
      try container.encode("decimal_down", forKey: .kind)
      try container.encode(places, forKey: .places)
    case .percent(let places):
      try container.encode("percent", forKey: .kind)
      try container.encode(places, forKey: .places)
    }
  }
}

/// One row of a table.
public struct Row: Hashable, Sendable, Codable {
  /// One cell per column; the first names the row.
  public var cells: [Cell]
  /// How the row stands out.
  public var tone: Tone

  /// Creates a row.
  public init(_ cells: [Cell], tone: Tone = .normal) {
    self.cells = cells
    self.tone = tone
  }
}

/// A table cell's value; the column's `NumberStyle` says how a number is written.
public enum Cell: Hashable, Sendable {
  /// Text, shown as is.
  case text(String)
  /// A whole number.
  case integer(Int)
  /// A number.
  case number(Double)
  /// An interval `[lower, upper]`, both ends in the column's style.
  case interval(lower: Double, upper: Double)
  /// No value (shown as `—`).
  case empty
}

extension Cell: Codable {
  private enum Key: String, CodingKey {
    case integer, number, interval
  }

  /// Reads a cell: a JSON string is text, `null` is empty, and numbers are tagged objects
  /// (`{"integer": 12}`, `{"number": 0.47}`, `{"interval": [0.41, 0.52]}`) so that a whole number
  /// and a fraction stay apart.
  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer() {
      if single.decodeNil() {
        self = .empty
        return
      }
      if let text = try? single.decode(String.self) {
        self = .text(text)
        return
      }
    }
    let container = try decoder.container(keyedBy: Key.self)
    if let value = try container.decodeIfPresent(Int.self, forKey: .integer) {
      self = .integer(value)
    } else if let value = try container.decodeIfPresent(Double.self, forKey: .number) {
      self = .number(value)
    } else if let bounds = try container.decodeIfPresent([Double].self, forKey: .interval), bounds.count == 2
    {
      self = .interval(lower: bounds[0], upper: bounds[1])
    } else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "a cell is a string, null or a tagged number")
      )
    }
  }

  /// Writes the cell in the form `init(from:)` reads.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .text(let text):
      var single = encoder.singleValueContainer()
      try single.encode(text)
    case .empty:
      var single = encoder.singleValueContainer()
      try single.encodeNil()
    case .integer(let value):
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(value, forKey: .integer)
    case .number(let value):
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(value, forKey: .number)
    case .interval(let lower, let upper):
      var container = encoder.container(keyedBy: Key.self)
      try container.encode([lower, upper], forKey: .interval)
    }
  }
}
