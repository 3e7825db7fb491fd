import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime
import PlumSyntax

/// What evaluating one probe on the current record gave.
enum ProbeResult: Sendable, Equatable {
  /// A value, as text.
  case value(String)
  /// An optional value that is missing.
  case missing
  /// A value derived from a `pii` field, which is never shown.
  case redacted
  /// A runtime error.
  case fault(RuntimeFault)
  /// A model needed the record's consent for a purpose, and the record does not give it.
  case blocked(model: String, purpose: String)

  /// The value's text for a `value : type` line, or nil for a fault or a consent block.
  var shown: String? {
    switch self {
    case .value(let text): text
    case .missing: "missing"
    case .redacted: "<redacted>"
    case .fault, .blocked: nil
    }
  }
}

/// Runs probe blocks of one program on one record at a time.
final class ProbeRunner {
  /// The program holding the probes.
  let program: Program
  /// The machine running it.
  let machine: Machine

  /// Creates a runner with the as-of date (days since 1970-01-01).
  init(program: Program, asOf: Int64) {
    self.program = program
    machine = Machine(program: program, asOf: asOf)
  }

  /// Runs probes on a machine that already holds a record (such as a decision runner's).
  init(machine: Machine) {
    program = machine.program
    self.machine = machine
  }

  /// Loads a record (laid out for the program's schema) and forgets every computed declaration.
  func load(_ row: RecordRow) {
    row.ints.withUnsafeBufferPointer { ints in
      row.floats.withUnsafeBufferPointer { floats in
        row.strings.withUnsafeBufferPointer { strings in
          row.present.withUnsafeBufferPointer { present in
            machine.load(ints: ints, floats: floats, strings: strings, present: present)
          }
        }
      }
    }
  }

  /// Runs a probe on the loaded record and reads its value as `type`.
  func run(_ probe: EvalProbe, type: PlumType) -> ProbeResult {
    switch machine.run(probe, type: type) {
    case .fault(let fault): return .fault(fault)
    case .blocked(let index):
      guard program.models.indices.contains(index) else { return .blocked(model: "?", purpose: "?") }
      let model = program.models[index]
      return .blocked(model: model.name, purpose: model.purpose ?? "")
    case .value(.missing): return .missing
    case .value(let value): return probe.readsPII ? .redacted : .value(ValueText.text(of: value))
    }
  }

  /// A runtime error as a diagnostic at its source expression: in `policy`, or in an expression of
  /// its own when the site is one of the sites lowered for it.
  func finding(
    for fault: RuntimeFault, in policy: SourceFile,
    expression: (file: SourceFile, sites: Set<Int32>)? = nil
  ) -> Finding {
    let code = DiagnosticCode(fault.code.rawValue, .error, fault.code.summary)
    guard program.sites.indices.contains(Int(fault.site)) else {
      return Finding(diagnostic: Diagnostic(code, fault.code.summary, at: .at(0)), file: policy)
    }
    let source = expression.flatMap { $0.sites.contains(fault.site) ? $0.file : nil } ?? policy
    let site = program.sites[Int(fault.site)]
    let start = source.offset(line: site.line, column: site.column)
    var end = start + (site.text.hasSuffix("…") ? 1 : site.text.utf8.count)
    if site.line < source.lineStarts.count { end = min(end, source.lineStarts[site.line] - 1) }
    let diagnostic = Diagnostic(
      code, "\(fault.code.summary) in `\(site.text)`", at: SourceRange(start: start, end: max(start, end)))
    return Finding(diagnostic: diagnostic, file: source)
  }
}

extension SourceFile {
  /// The byte offset of a 1-based line and column (the column counting Unicode scalars).
  func offset(line: Int, column: Int) -> Int {
    guard line >= 1, line <= lineStarts.count else { return bytes.count }
    var offset = lineStarts[line - 1]
    var remaining = column - 1
    while remaining > 0, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
      offset += 1
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      remaining -= 1
    }
    return offset
  }
}
