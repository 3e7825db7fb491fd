/// Renders diagnostics as text for people or as JSON for machines.
public struct DiagnosticRenderer: Sendable {
  /// The output form.
  public enum Format: String, Sendable, CaseIterable {
    /// `file:line:col: error[P0203]: message`, the source line, carets, notes.
    case text
    /// One JSON object per line per diagnostic.
    case json
    /// One SARIF 2.1.0 log for the whole run (see `SARIFRenderer`).
    case sarif
    /// GitHub Actions workflow commands, one line per diagnostic (see `GitHubAnnotations`).
    case github
  }

  /// The most diagnostics the text format shows for one file; the rest are counted in a final
  /// `N more errors` line (JSON, SARIF and GitHub annotations list every diagnostic).
  public static let textLimitPerFile = 100

  /// Whether to use ANSI colour (only on a terminal, never with `NO_COLOR`).
  public var colored: Bool
  /// How SARIF logs describe the tool and its rules.
  public var sarif: SARIFRenderer

  /// Creates a renderer.
  public init(colored: Bool = false, sarif: SARIFRenderer? = nil) {
    self.colored = colored
    self.sarif =
      sarif
      ?? SARIFRenderer(toolName: "plum", toolVersion: "0", informationURI: "", helpURI: "", rules: [])
  }

  /// Renders diagnostics of one file in the given format.
  public func render(_ diagnostics: [Diagnostic], in file: SourceFile, format: Format) -> String {
    render([(file, diagnostics)], format: format)
  }

  /// Renders the diagnostics of several files; SARIF makes one log of them all.
  public func render(_ files: [(source: SourceFile, diagnostics: [Diagnostic])], format: Format) -> String {
    switch format {
    case .text:
      files.map { file in renderText(file.diagnostics, in: file.source) }.joined()
    case .json:
      files.map { file in file.diagnostics.map { renderJSON($0, in: file.source) + "\n" }.joined() }.joined()
    case .sarif: sarif.render(files)
    case .github:
      files.map { file in file.diagnostics.map { GitHubAnnotations.render($0, in: file.source) }.joined() }
        .joined()
    }
  }

  // MARK: Text

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private func severityColor(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: "1;31"
    case .warning: "1;33"
    case .note: "1;36"
    }
  }

  /// Renders a file's diagnostics as text: the first `textLimitPerFile`, then one line counting
  /// the rest (`policy.plum: 19900 more errors not shown; --format json lists them all`).
  ///
  /// Each source line is laid out once, however many diagnostics point into it, so the time is
  /// linear in the source and the number of diagnostics.
  func renderText(_ diagnostics: [Diagnostic], in file: SourceFile) -> String {
    var layouts: [Int: LineLayout] = [:]
    var out = ""
    for diagnostic in diagnostics.prefix(Self.textLimitPerFile) {
      out += renderText(diagnostic, in: file, layouts: &layouts)
    }
    let rest = diagnostics.dropFirst(Self.textLimitPerFile)
    guard !rest.isEmpty else { return out }
    var counts: [String] = []
    for severity in [Diagnostic.Severity.error, .warning, .note] {
      let count = rest.filter { $0.severity == severity }.count
      if count > 0 { counts.append("\(count) more \(severity.rawValue)\(count == 1 ? "" : "s")") }
    }
    out +=
      paint("\(file.name):", "1") + " " + counts.joined(separator: " and ")
      + " not shown; --format json lists them all\n"
    return out
  }

  /// Renders one diagnostic as text, ending with a newline.
  public func renderText(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
    var layouts: [Int: LineLayout] = [:]
    return renderText(diagnostic, in: file, layouts: &layouts)
  }

  private func renderText(_ diagnostic: Diagnostic, in file: SourceFile, layouts: inout [Int: LineLayout])
    -> String
  {
    let location = file.location(of: diagnostic.range.start)
    var out = paint("\(file.name):\(location.line):\(location.column):", "1")
    out +=
      " "
      + paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.id)]:", severityColor(diagnostic.severity))
    out += " " + paint(diagnostic.message, "1") + "\n"
    var spans: [(SourceRange, String, Bool)] = [(diagnostic.range, "", true)]
    spans += diagnostic.labels.map { ($0.range, $0.message, false) }
    let lines = spans.map { file.line(of: $0.0.start) }
    let gutterWidth = String(lines.max() ?? 1).count
    let blank = String(repeating: " ", count: gutterWidth)
    var excerpt: SourceExcerpt?
    for (index, span) in spans.enumerated() {
      let (range, label, primary) = span
      let start = file.location(of: range.start)
      let end = file.location(of: max(range.end, range.start))
      // The marker covers the span within its first line (at least one column).
      let startScalar = start.column - 1
      let endScalar = end.line == start.line ? end.column - 1 : Int.max
      // A label on the same line as the previous excerpt only adds its marker line, in that window.
      let continuesExcerpt =
        excerpt != nil && index > 0 && !primary
        && start.line == file.line(of: spans[index - 1].0.start)
      if !continuesExcerpt {
        let layout = layouts[start.line] ?? LineLayout(line: file.lineText(start.line))
        layouts[start.line] = layout
        let shown = SourceExcerpt(layout: layout, focus: startScalar)
        let lineNumber = String(start.line)
        out += paint("\(blank) |", "1;34") + "\n"
        out += paint(
          String(repeating: " ", count: gutterWidth - lineNumber.count) + lineNumber + " |", "1;34")
        out += " " + shown.text + "\n"
        excerpt = shown
      }
      guard let excerpt else { continue }
      let (pad, width) = excerpt.marker(from: startScalar, to: endScalar)
      let marker = String(repeating: primary ? "^" : "-", count: width)
      let colour = primary ? severityColor(diagnostic.severity) : "1;34"
      out +=
        paint("\(blank) |", "1;34") + " " + String(repeating: " ", count: pad)
        + paint(marker + (label.isEmpty ? "" : " " + label), colour)
      out += "\n"
    }
    for note in diagnostic.notes {
      out += paint("\(blank) = note:", "1") + " " + note + "\n"
    }
    for fix in diagnostic.fixIts {
      out += paint("\(blank) = fix:", "1;32") + " " + fix.message + "\n"
    }
    return out
  }

  // MARK: JSON

  /// Renders one diagnostic as a single-line JSON object.
  public func renderJSON(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
    func span(_ range: SourceRange) -> String {
      let start = file.location(of: range.start)
      let end = file.location(of: range.end)
      return "{\"start\":{\"line\":\(start.line),\"column\":\(start.column),\"offset\":\(start.offset)},"
        + "\"end\":{\"line\":\(end.line),\"column\":\(end.column),\"offset\":\(end.offset)}}"
    }
    var out = "{\"file\":\(jsonString(file.name)),\"severity\":\"\(diagnostic.severity.rawValue)\","
    out += "\"code\":\"\(diagnostic.code.id)\",\"message\":\(jsonString(diagnostic.message)),"
    out += "\"span\":\(span(diagnostic.range)),\"labels\":["
    out += diagnostic.labels.map { "{\"message\":\(jsonString($0.message)),\"span\":\(span($0.range))}" }
      .joined(separator: ",")
    out += "],\"notes\":[" + diagnostic.notes.map(jsonString).joined(separator: ",") + "],\"fixits\":["
    out += diagnostic.fixIts.map {
      "{\"message\":\(jsonString($0.message)),\"replacement\":\(jsonString($0.replacement)),\"span\":\(span($0.range))}"
    }.joined(separator: ",")
    out += "]}"
    return out
  }
}

/// Quotes and escapes a string as a JSON string literal.
public func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
