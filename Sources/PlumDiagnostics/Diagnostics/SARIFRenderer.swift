/// Renders diagnostics as one SARIF 2.1.0 log, the format code-scanning services read.
///
/// The log has one run whose `tool.driver.rules` lists every code the tool can report, so a
/// result's `ruleIndex` is stable across runs. Columns count Unicode code points, as Plum's do.
public struct SARIFRenderer: Sendable {
  /// The tool's name, such as `plum`.
  public var toolName: String
  /// The tool's version.
  public var toolVersion: String
  /// Where to learn about the tool.
  public var informationURI: String
  /// The documentation page that has a code's section; `#p0401` is appended for each rule.
  public var helpPage: @Sendable (DiagnosticCode) -> String
  /// Every code the tool can report; codes seen in results but missing here are added.
  public var rules: [DiagnosticCode]

  /// Creates a renderer whose rules all point at one documentation page.
  public init(
    toolName: String, toolVersion: String, informationURI: String, helpURI: String, rules: [DiagnosticCode]
  ) {
    self.init(
      toolName: toolName, toolVersion: toolVersion, informationURI: informationURI, rules: rules,
      helpPage: { _ in helpURI })
  }

  /// Creates a renderer whose rules point at the page that documents each code.
  public init(
    toolName: String, toolVersion: String, informationURI: String, rules: [DiagnosticCode],
    helpPage: @escaping @Sendable (DiagnosticCode) -> String
  ) {
    self.toolName = toolName
    self.toolVersion = toolVersion
    self.informationURI = informationURI
    self.helpPage = helpPage
    self.rules = rules
  }

  /// The address of a code's documentation: its page and the `#pxxxx` anchor of its section.
  public func helpURI(for code: DiagnosticCode) -> String {
    "\(helpPage(code))#\(code.id.lowercased())"
  }

  /// The SARIF level of a severity.
  static func level(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  /// Renders the diagnostics of several files as one log, ending with a newline.
  public func render(_ files: [(source: SourceFile, diagnostics: [Diagnostic])]) -> String {
    var allRules = rules
    for (_, diagnostics) in files {
      for diagnostic in diagnostics where !allRules.contains(diagnostic.code) {
        allRules.append(diagnostic.code)
      }
    }
    allRules.sort { $0.id < $1.id }
    let index = Dictionary(uniqueKeysWithValues: allRules.enumerated().map { ($1.id, $0) })
    let results = files.flatMap { file in
      file.diagnostics.map { result($0, in: file.source, ruleIndex: index[$0.code.id] ?? 0) }
    }
    let driver: JSONValue = .object([
      ("name", .string(toolName)),
      ("version", .string(toolVersion)),
      ("informationUri", .string(informationURI)),
      ("rules", .array(allRules.map(rule))),
    ])
    let run: JSONValue = .object([
      ("tool", .object([("driver", driver)])),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(results)),
    ])
    let log: JSONValue = .object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ])
    return log.rendered() + "\n"
  }

  private func rule(_ code: DiagnosticCode) -> JSONValue {
    let help = helpURI(for: code)
    return .object([
      ("id", .string(code.id)),
      ("shortDescription", .object([("text", .string(code.title))])),
      ("help", .object([("text", .string("\(code.id): \(code.title). See \(help)"))])),
      ("helpUri", .string(help)),
      ("defaultConfiguration", .object([("level", .string(Self.level(code.defaultSeverity)))])),
    ])
  }

  private func result(_ diagnostic: Diagnostic, in file: SourceFile, ruleIndex: Int) -> JSONValue {
    var text = diagnostic.message
    for note in diagnostic.notes { text += "\nnote: \(note)" }
    var members: [(String, JSONValue)] = [
      ("ruleId", .string(diagnostic.code.id)),
      ("ruleIndex", .int(ruleIndex)),
      ("level", .string(Self.level(diagnostic.severity))),
      ("message", .object([("text", .string(text))])),
      ("locations", .array([location(diagnostic.range, in: file, id: nil, message: nil)])),
    ]
    if !diagnostic.labels.isEmpty {
      let related = diagnostic.labels.enumerated().map { index, label in
        location(label.range, in: file, id: index + 1, message: label.message)
      }
      members.append(("relatedLocations", .array(related)))
    }
    if !diagnostic.fixIts.isEmpty {
      let fixes = diagnostic.fixIts.map { fix -> JSONValue in
        let replacement: JSONValue = .object([
          ("deletedRegion", region(fix.range, in: file)),
          ("insertedContent", .object([("text", .string(fix.replacement))])),
        ])
        let change: JSONValue = .object([
          ("artifactLocation", .object([("uri", .string(Self.uri(file.name)))])),
          ("replacements", .array([replacement])),
        ])
        return .object([
          ("description", .object([("text", .string(fix.message))])),
          ("artifactChanges", .array([change])),
        ])
      }
      members.append(("fixes", .array(fixes)))
    }
    return .object(members)
  }

  private func region(_ range: SourceRange, in file: SourceFile) -> JSONValue {
    let start = file.location(of: range.start)
    let end = file.location(of: range.end)
    return .object([
      ("startLine", .int(start.line)),
      ("startColumn", .int(start.column)),
      ("endLine", .int(end.line)),
      ("endColumn", .int(end.column)),
    ])
  }

  private func location(_ range: SourceRange, in file: SourceFile, id: Int?, message: String?) -> JSONValue {
    var members: [(String, JSONValue)] = []
    if let id { members.append(("id", .int(id))) }
    members.append(
      (
        "physicalLocation",
        .object([
          ("artifactLocation", .object([("uri", .string(Self.uri(file.name)))])),
          ("region", region(range, in: file)),
        ])
      ))
    if let message { members.append(("message", .object([("text", .string(message))]))) }
    return .object(members)
  }

  /// A file path as a relative URI reference: bytes outside the unreserved set are percent-encoded.
  static func uri(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}
