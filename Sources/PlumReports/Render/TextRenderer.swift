/// A report as plain text for a terminal: headings underlined, facts and table columns aligned,
/// paragraphs wrapped. Charts are represented by their data tables.
public struct TextRenderer: Sendable {
  /// The widest a wrapped line gets, in characters.
  public var width: Int

  /// Creates a renderer wrapping text at `width` characters.
  public init(width: Int = 100) {
    self.width = max(40, width)
  }

  /// The report's text, ending with a newline.
  public func render(_ report: Report) -> String {
    var out = report.title + "\n" + String(repeating: "=", count: report.title.count) + "\n\n"
    let labelWidth = report.facts.map(\.label.count).max() ?? 0
    for fact in report.facts {
      out += "  " + padded(fact.label, labelWidth) + "  " + fact.value + "\n"
    }
    if !report.flags.isEmpty {
      out += "\nFlags\n"
      for flag in report.flags { out += wrapped(flag.text, indent: 2, marker: Self.marker(flag.tone)) }
    }
    if !report.guide.isEmpty {
      out += "\nHow to read this\n"
      out += report.guide.map { wrapped($0, indent: 2) }.joined(separator: "\n")
    }
    for (index, section) in report.sections.enumerated() {
      out += render(section, number: "\(index + 1)")
    }
    return out
  }

  private func render(_ section: Section, number: String) -> String {
    let heading = "\(number)  \(section.title)"
    var out =
      "\n" + heading + "\n" + String(repeating: number.contains(".") ? "-" : "=", count: heading.count)
    out += "\n"
    for block in section.blocks {
      switch block {
      case .paragraph(let text): out += "\n" + wrapped(text, indent: 0)
      case .note(let note): out += "\n" + wrapped(note.text, indent: 0, marker: Self.marker(note.tone))
      case .table(let table): out += "\n" + render(table)
      case .figure(let figure):
        var table = figure.table
        if table.title == nil { table.title = Self.title(of: figure.chart) }
        out += "\n" + render(table)
        if let caption = figure.caption { out += wrapped(caption, indent: 2) }
      }
    }
    for (index, subsection) in section.sections.enumerated() {
      out += render(subsection, number: "\(number).\(index + 1)")
    }
    return out
  }

  /// A table with its columns aligned: text to the left, numbers to the right.
  public func render(_ table: Table) -> String {
    var out = ""
    if let title = table.title { out += "  " + title + "\n" }
    let header = table.columns.map { Self.oneLine($0.title) }
    let body = table.rows.map { row in
      table.columns.indices.map { column in
        // A line break inside a cell would break the alignment of every row after it.
        column < row.cells.count
          ? Self.oneLine(NumberText.format(row.cells[column], table.columns[column].style)) : ""
      }
    }
    let widths = table.columns.indices.map { column in
      ([header[column]] + body.map { $0[column] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      let parts = cells.enumerated().map { column, text in
        table.columns[column].style.alignsRight
          ? String(repeating: " ", count: widths[column] - text.count) + text : padded(text, widths[column])
      }
      return "  " + trimmedRight(parts.joined(separator: "  ")) + "\n"
    }
    out += line(header)
    out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for cells in body { out += line(cells) }
    for note in table.notes { out += wrapped(note, indent: 2) }
    return out
  }

  /// A chart's title, used for its data table in text.
  static func title(of chart: Chart) -> String {
    switch chart {
    case .intervals(let chart): chart.title
    case .heatMap(let chart): chart.title
    }
  }

  /// The sign put before a flag or note of `tone`.
  static func marker(_ tone: Tone) -> String {
    switch tone {
    case .alert: "✗ "
    case .warning: "! "
    case .muted: "· "
    case .normal: "• "
    }
  }

  /// `text` wrapped at `width`, each line indented; the first starts with `marker`, whose width the
  /// following lines are indented by too.
  func wrapped(_ text: String, indent: Int, marker: String = "") -> String {
    let lead = String(repeating: " ", count: indent)
    let hanging = lead + String(repeating: " ", count: marker.count)
    var out = ""
    var line = lead + marker
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if lineHasWord && line.count + 1 + word.count > width {
        out += line + "\n"
        line = hanging
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    return out + line + "\n"
  }

  /// `text` with line breaks and tabs made spaces.
  static func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }

  private func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  private func trimmedRight(_ text: String) -> String {
    var text = Substring(text)
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
