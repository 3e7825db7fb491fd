/// One piece of a section's content.
public enum Block: Hashable, Sendable {
  /// A paragraph of text.
  case paragraph(String)
  /// A remark set apart from the text, with a tone.
  case note(Note)
  /// A table alone.
  case table(Table)
  /// A chart with the table of the figures it draws beside it.
  case figure(Figure)
}

/// A remark set apart from the running text.
public struct Note: Hashable, Sendable, Codable {
  /// How it should stand out.
  public var tone: Tone
  /// The remark.
  public var text: String

  /// Creates a note.
  public init(_ tone: Tone, _ text: String) {
    self.tone = tone
    self.text = text
  }
}

/// A chart and its data table, always shown together: the table carries every figure the chart
/// draws, for readers (and screen readers) who cannot read the picture.
public struct Figure: Hashable, Sendable, Codable {
  /// The picture.
  public var chart: Chart
  /// The figures behind it.
  public var table: Table
  /// A sentence under both, if any.
  public var caption: String?

  /// Creates a figure.
  public init(chart: Chart, table: Table, caption: String? = nil) {
    self.chart = chart
    self.table = table
    self.caption = caption
  }
}

extension Block: Codable {
  private enum Key: String, CodingKey {
    case type, text, note, table, figure
  }

  /// Reads a block from its tagged JSON object (`{"type": "table", "table": {…}}`).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    switch try container.decode(String.self, forKey: .type) {
    case "paragraph": self = .paragraph(try container.decode(String.self, forKey: .text))
    case "note": self = .note(try container.decode(Note.self, forKey: .note))
    case "table": self = .table(try container.decode(Table.self, forKey: .table))
    case "figure": self = .figure(try container.decode(Figure.self, forKey: .figure))
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: container, debugDescription: "unknown block type `\(other)`")
    }
  }

  /// Writes the block as a tagged JSON object.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    switch self {
    case .paragraph(let text):
      try container.encode("paragraph", forKey: .type)
      try container.encode(text, forKey: .text)
    case .note(let note):
      try container.encode("note", forKey: .type)
      try container.encode(note, forKey: .note)
    case .table(let table):
      try container.encode("table", forKey: .type)
      try container.encode(table, forKey: .table)
    case .figure(let figure):
      try container.encode("figure", forKey: .type)
      try container.encode(figure, forKey: .figure)
    }
  }
}
