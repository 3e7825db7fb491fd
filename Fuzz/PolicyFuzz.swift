// libFuzzer target: policy source through the whole front end, a few decisions and the formatter.
// Built by Fuzz/run.sh (not by SwiftPM, which would add a `main` of its own).
import PlumData
import PlumDiagnostics
import PlumDriver
import PlumFormatter
import PlumRuntime

/// The codes and severities of diagnostics, in order, which formatting must not change.
func codes(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.severity) \($0.code)" }
}

/// One JSON Lines record with a plausible value for every field of the schema.
func sampleRecord(_ schema: RecordSchema, variant: Int) -> [UInt8] {
  var fields: [String] = []
  for field in schema.fields {
    let value: String
    switch field.type {
    case .bool: value = variant % 2 == 0 ? "true" : "false"
    case .int: value = ["0", "1", "-7", "123456789", "9223372036854775807"][variant % 5]
    case .float: value = ["0.5", "-1e3", "3", "1e300", "0"][variant % 5]
    case .money: value = ["\"12.50\"", "\"0\"", "\"-3.25\"", "\"99999.99\"", "\"1\""][variant % 5]
    case .string: value = ["\"a\"", "\"\"", "\"plum@example.com\"", "\"x y\"", "\"é\""][variant % 5]
    case .date:
      value =
        ["\"2026-11-23\"", "\"2000-02-29\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2026-01-01\""][
          variant % 5]
    case .enumeration(let cases): value = cases.isEmpty ? "\"\"" : "\"\(cases[variant % cases.count])\""
    }
    fields.append("\(field.path)\u{0}\(value)")
  }
  // Dotted paths become nested objects.
  return Array((nest(fields.map { $0.split(separator: "\u{0}", maxSplits: 1).map(String.init) }) + "\n").utf8)
}

func nest(_ pairs: [[String]]) -> String {
  var order: [String] = []
  var groups: [String: [[String]]] = [:]
  var leaves: [String: String] = [:]
  for pair in pairs where pair.count == 2 {
    let parts = pair[0].split(separator: ".", maxSplits: 1).map(String.init)
    if groups[parts[0]] == nil && leaves[parts[0]] == nil { order.append(parts[0]) }
    if parts.count == 2 {
      groups[parts[0], default: []].append([parts[1], pair[1]])
    } else {
      leaves[parts[0]] = pair[1]
    }
  }
  let members = order.map { name in
    "\"\(name)\": " + (leaves[name] ?? nest(groups[name] ?? []))
  }
  return "{" + members.joined(separator: ", ") + "}"
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let compiled = Driver.compile(path: "fuzz.plum", bytes: bytes)
  _ = compiled.rendered(compiled.diagnostics, colored: false)
  if let program = compiled.program, let runner = try? DecisionRunner(program: program, asOf: 20_415) {
    let records = (0..<5).flatMap { sampleRecord(runner.schema, variant: $0) }
    let reader = JSONLinesReader(schema: runner.schema, source: MemorySource(records))
    let writer = JSONLinesWriter()
    _ = try? runner.run(reader, to: writer, explain: program.explains)
  }
  // Formatting is idempotent and keeps the diagnostics (codes and severities, in order).
  let source = SourceFile(name: "fuzz.plum", bytes: bytes)
  if let formatted = try? SourceFormatter.format(source) {
    guard let again = try? SourceFormatter.format(SourceFile(name: "fuzz.plum", bytes: Array(formatted.utf8)))
    else {
      fuzzFailure("formatted source no longer formats")
    }
    if again != formatted { fuzzFailure("formatting twice changes the text") }
    let before = Frontend.check(name: "fuzz.plum", bytes: bytes)
    let after = Frontend.check(name: "fuzz.plum", bytes: Array(formatted.utf8))
    if codes(before.diagnostics) != codes(after.diagnostics) {
      fuzzFailure(
        "formatting changes the diagnostics: \(codes(before.diagnostics)) → \(codes(after.diagnostics))")
    }
  }
  return 0
}
