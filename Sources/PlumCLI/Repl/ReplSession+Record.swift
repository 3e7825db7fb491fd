import PlumChecker
import PlumData
import PlumRuntime
import PlumSyntax

extension ReplSession {
  /// `:record N`, `:record {json}`, or `:record` alone to show the current record.
  func recordCommand(_ argument: String) {
    if argument.isEmpty { return showRecord() }
    if argument.hasPrefix("{") { return selectRecord(.json(argument)) }
    guard let number = Int(argument), number >= 1 else {
      return fail("usage: :record N (a record number from 1) or :record {json}")
    }
    guard let dataPath else { return fail("no data file; start with --data FILE, or use :record {json}") }
    selectRecord(.row(path: dataPath, row: number))
  }

  /// Lists the current record's fields, `pii` ones redacted.
  private func showRecord() {
    guard let record, let recordOrigin else { return fail("no record is selected; \(recordHint)") }
    io.writeOut("\(recordOrigin.label):\n")
    let fields = policy.checked.input.fields
    let prefix = policy.checked.input.name.name
    for (index, field) in fields.enumerated() where index < policy.schema.fields.count {
      io.writeOut(
        "  \(prefix).\(field.path) = \(text(ofField: index, type: field.type, isPII: field.attributes.isPII, in: record))\n"
      )
    }
  }

  private func text(ofField index: Int, type: PlumType, isPII: Bool, in row: RecordRow) -> String {
    guard let value = row.value(ofField: index, in: policy.schema) else { return "missing" }
    if isPII { return "<redacted>" }
    switch value {
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return ValueText.scalar(number, type)
    case .float(let number): return ValueText.float(number)
    case .money(let minorUnits, _): return ValueText.scalar(minorUnits, type)
    case .string(let string): return ASTPrinter.quoted(string)
    case .date(let days): return ValueText.scalar(days, type)
    case .enumeration(let caseIndex): return ValueText.scalar(Int64(caseIndex), type)
    }
  }

  /// `:decide`: the current record's decision line, exactly as `plum run` writes it.
  func decide() {
    guard policy.path != nil else { return fail("no policy is loaded; use :load FILE") }
    guard let row = record ?? (policy.checked.input.fields.isEmpty ? policy.schema.makeRow() : nil) else {
      return fail("no record is selected; \(recordHint)")
    }
    let runner: DecisionRunner
    do {
      runner = try DecisionRunner(program: policy.program, asOf: asOf)
    } catch {
      return fail("the input schema cannot be read from records: \(error)")
    }
    var number = 1
    if case .row(_, let row) = recordOrigin { number = row }
    let writer = JSONLinesWriter()
    runner.decide(row, record: number, explain: false, to: writer)
    io.writeOut(writer.text)
  }
}
