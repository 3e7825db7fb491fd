/// A report as one self-contained HTML file: inline CSS, inline SVG charts with a data table beside
/// each, no scripts, no fonts or images to fetch (a content security policy forbids any request).
/// Every text from the report is escaped.
public struct HTMLRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The whole HTML document.
  public func render(_ report: Report) -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta name=\"generator\" content=\"\(Report.formatName) \(report.version)\">\n"
    out +=
      "<title>\(HTMLEscape.text(report.title))</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
    out += "<header>\n<h1>\(HTMLEscape.text(report.title))</h1>\n"
    if !report.facts.isEmpty {
      out += "<dl class=\"facts\">\n"
      for fact in report.facts {
        out += "<dt>\(HTMLEscape.text(fact.label))</dt><dd>\(HTMLEscape.text(fact.value))</dd>\n"
      }
      out += "</dl>\n"
    }
    out += "</header>\n"
    if !report.flags.isEmpty {
      out += "<section class=\"flags\" aria-labelledby=\"flags\">\n<h2 id=\"flags\">Flags</h2>\n<ul>\n"
      for flag in report.flags {
        out += "<li class=\"flag tone-\(flag.tone.rawValue)\">\(Self.badge(flag.tone))"
        out += HTMLEscape.text(flag.text)
        if let section = flag.section {
          out += " <a href=\"#\(HTMLEscape.identifier(section))\">See the figures</a>"
        }
        out += "</li>\n"
      }
      out += "</ul>\n</section>\n"
    }
    if !report.guide.isEmpty {
      out += "<section class=\"guide\" aria-labelledby=\"guide\">\n<h2 id=\"guide\">How to read this</h2>\n"
      for paragraph in report.guide { out += "<p>\(HTMLEscape.text(paragraph))</p>\n" }
      out += "</section>\n"
    }
    if !report.sections.isEmpty {
      out += "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n"
      out += contents(report.sections, prefix: "") + "</nav>\n"
    }
    out += "<main>\n"
    var charts = 0
    for (index, section) in report.sections.enumerated() {
      out += render(section, number: "\(index + 1)", depth: 2, charts: &charts)
    }
    out += "</main>\n<footer>Report format \(Report.formatName) version \(report.version). "
    out += "This file is complete in itself: it loads nothing and runs no script.</footer>\n"
    out += "</body>\n</html>\n"
    return out
  }

  private func contents(_ sections: [Section], prefix: String) -> String {
    var out = "<ol>\n"
    for (index, section) in sections.enumerated() {
      let number = prefix.isEmpty ? "\(index + 1)" : "\(prefix).\(index + 1)"
      out += "<li><a href=\"#\(HTMLEscape.identifier(section.id))\">\(HTMLEscape.text(section.title))</a>"
      // Two levels are enough to find one's way; deeper headings are in the body.
      if !section.sections.isEmpty && prefix.isEmpty {
        out += "\n" + contents(section.sections, prefix: number)
      }
      out += "</li>\n"
    }
    return out + "</ol>\n"
  }

  private func render(_ section: Section, number: String, depth: Int, charts: inout Int) -> String {
    let level = min(depth, 6)
    let id = HTMLEscape.identifier(section.id)
    var out = "<section id=\"\(id)\">\n<h\(level)><span class=\"number\">\(number)</span>"
    out += "\(HTMLEscape.text(section.title))</h\(level)>\n"
    for block in section.blocks {
      switch block {
      case .paragraph(let text): out += "<p>\(HTMLEscape.text(text))</p>\n"
      case .note(let note):
        out += "<p class=\"note tone-\(note.tone.rawValue)\">\(Self.badge(note.tone))"
        out += "\(HTMLEscape.text(note.text))</p>\n"
      case .table(let table): out += render(table)
      case .figure(let figure):
        charts += 1
        out += "<figure class=\"figure\">\n<div class=\"chart\">\n"
        out += SVGChart.render(figure.chart, id: "chart\(charts)")
        out +=
          "</div>\n<div class=\"data\">\n"
          + render(figure.table, fallbackTitle: TextRenderer.title(of: figure.chart))
        out += "</div>\n"
        if let caption = figure.caption { out += "<figcaption>\(HTMLEscape.text(caption))</figcaption>\n" }
        out += "</figure>\n"
      }
    }
    for (index, subsection) in section.sections.enumerated() {
      out += render(subsection, number: "\(number).\(index + 1)", depth: depth + 1, charts: &charts)
    }
    return out + "</section>\n"
  }

  /// A table: the first cell of each row is its header, numbers align right, tones become classes.
  func render(_ table: Table, fallbackTitle: String? = nil) -> String {
    var out = "<table>\n"
    if let title = table.title ?? fallbackTitle { out += "<caption>\(HTMLEscape.text(title))</caption>\n" }
    out += "<thead><tr>"
    for column in table.columns {
      out +=
        "<th scope=\"col\"\(column.style.alignsRight ? " class=\"num\"" : "")>\(HTMLEscape.text(column.title))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      out += row.tone == .normal ? "<tr>" : "<tr class=\"tone-\(row.tone.rawValue)\">"
      for (index, column) in table.columns.enumerated() {
        let text = index < row.cells.count ? NumberText.format(row.cells[index], column.style) : ""
        let tag = index == 0 ? "th" : "td"
        let scope = index == 0 ? " scope=\"row\"" : ""
        let numeric = column.style.alignsRight ? " class=\"num\"" : ""
        out += "<\(tag)\(scope)\(numeric)>\(HTMLEscape.text(text))</\(tag)>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    for note in table.notes { out += "<p class=\"table-note\">\(HTMLEscape.text(note))</p>\n" }
    return out
  }

  /// The word shown before a flag or note of `tone`, as a badge; none for a plain one.
  static func badge(_ tone: Tone) -> String {
    let word: String
    switch tone {
    case .alert: word = "Fails:"
    case .warning: word = "Note:"
    case .muted: word = "Set apart:"
    case .normal: return ""
    }
    return "<span class=\"badge\">\(word)</span>"
  }
}
