import Foundation
import PlumData
import Testing

@testable import PlumRuntime

/// The winback example's data agrees with what its schema says of it: `last_order` is "missing for
/// members who never ordered", and `orders_90d` and `spend_90d` count the 90 days before the
/// record's date (the run's `--as-of`, 2026-11-23, or a history snapshot's `as_of`).
@Suite struct ExampleDataConsistencyTests {
  static let files = [
    "examples/winback/data/participants.csv", "examples/winback/data/participants.jsonl",
    "examples/winback/data/history.csv", "examples/winback/data/followup.csv",
  ]

  @Test(arguments: files)
  func winbackRecordsAgreeWithTheirSchema(path: String) throws {
    let program = try #require(ExampleGoldenTests.program("examples/winback/winback.plum"))
    var fields = try DecisionRunner.schema(for: program.inputs).fields
    fields.append(FieldSpec(path: "as_of", type: .date, isOptional: true, isColumnOptional: true))
    let schema = try RecordSchema(fields: fields, keyPath: "id")
    let source = MemorySource(text: PolicyHarness.read(path))
    let reader: any RecordReader =
      path.hasSuffix(".csv")
      ? try CSVReader(schema: schema, source: source) : JSONLinesReader(schema: schema, source: source)
    let outcomes = try reader.readAll()
    #expect(outcomes.count >= 1000)
    func index(_ path: String) throws -> Int { try #require(schema.fieldIndex(ofPath: path)) }
    let (orders, spend, last, asOf) = try (
      index("orders_90d"), index("spend_90d"), index("last_order"), index("as_of")
    )
    var problems: [String] = []
    var neverOrdered = 0
    for outcome in outcomes {
      guard case .row(let row) = outcome else {
        problems.append("\(outcome)")
        continue
      }
      let values = row.values(in: schema)
      guard case .int(let orderCount) = values[orders], case .money(let cents, _) = values[spend] else {
        problems.append("line \(row.line): orders_90d or spend_90d is missing")
        continue
      }
      let date: Int64 =
        if case .date(let days) = values[asOf] { days } else { PolicyHarness.asOf }
      let name = "line \(row.line) (\(row.text(ofField: 0, in: schema) ?? "?"))"
      if (orderCount > 0) != (cents > 0) {
        problems.append("\(name): \(orderCount) orders in 90 days but \(cents) cents spent")
      }
      guard case .date(let lastOrder) = values[last] else {
        neverOrdered += 1
        if orderCount > 0 { problems.append("\(name): never ordered, yet \(orderCount) orders in 90 days") }
        continue
      }
      let recency = date - lastOrder
      if recency < 0 { problems.append("\(name): last order \(-recency) days after the record's date") }
      if orderCount > 0 && recency >= 90 {
        problems.append("\(name): \(orderCount) orders in 90 days, the last one \(recency) days ago")
      }
      if orderCount == 0 && recency <= 90 {
        problems.append("\(name): no order in 90 days, yet the last one \(recency) days ago")
      }
    }
    #expect(problems.isEmpty, "\(problems.count) records contradict the schema: \(problems.prefix(5))")
    // Some members never ordered, so the policy's `?? 999` default is exercised.
    #expect(neverOrdered > 50)
  }
}
