import Foundation
import PlumCLI
import PlumDriver
import PlumSQL
import Testing

/// A policy and records decided both by `plum run` and by the compiled query in an engine.
struct DifferentialCase: Sendable {
  /// The policy file.
  var policy: String
  /// The CSV file of records.
  var data: String
  /// The as-of date.
  var asOf = "2026-11-23"
  /// The table name the query reads.
  var table = "participants"
}

/// Compiles policies with the CLI and compares the engine's rows with `plum run`'s lines.
enum Differential {
  /// The query `plum compile --emit sql` prints, or nil with the diagnostics.
  static func compile(_ policy: String, dialect: SQLDialect, asOf: String, table: String = "participants")
    -> (query: String?, diagnostics: String)
  {
    let io = CapturedIO()
    let status = PlumCommand.run(
      ["compile", "--emit", "sql", "--dialect", dialect.rawValue, "--table", table, "--as-of", asOf, policy],
      io: io)
    return (status == .success ? io.out : nil, io.err)
  }

  /// The columns a policy's query reads.
  static func columns(_ policy: String) -> [(name: String, kind: String)] {
    let bytes = (try? Data(contentsOf: URL(fileURLWithPath: policy))).map { [UInt8]($0) } ?? []
    guard let checked = Frontend.check(name: policy, bytes: bytes).checked else { return [] }
    return SQLCompilation.columns(of: checked)
  }

  /// `plum run`'s output lines for a case.
  static func decisions(_ item: DifferentialCase) -> [String] {
    let io = CapturedIO()
    _ = PlumCommand.run(["run", item.policy, item.data, "--as-of", item.asOf], io: io)
    return io.out.split(separator: "\n").map(String.init)
  }

  /// The job for a case's compiled query.
  static func job(_ item: DifferentialCase, query: String) -> EngineJob {
    EngineJob(table: item.table, columns: columns(item.policy), data: item.data, query: query)
  }

  /// The records on which the engine and `plum run` differ; the P0808 refusals must be none.
  static func differences(decisions: [String], rows: [[String: Any]]) -> [String] {
    var unprintable = 0
    let found = differences(decisions: decisions, rows: rows, unprintable: &unprintable)
    return unprintable == 0 ? found : found + ["\(unprintable) records refused with P0808"]
  }

  /// The records on which the engine and `plum run` differ, described; empty when they agree.
  ///
  /// A decision agrees when the line `plum run` writes is byte for byte the line built from the
  /// row's key, rewards and reasons; an error agrees on its code and, for evaluation errors, on its
  /// message (read errors name a line, which a table has not; any P06xx of SQL's is the same error
  /// in a typed table).
  static func differences(decisions: [String], rows: [[String: Any]], unprintable: inout Int) -> [String] {
    var byKey: [String: [String: Any]] = [:]
    for row in rows { if let key = row["key"] as? String { byKey[key] = row } }
    var differences: [String] = []
    if rows.count != decisions.count {
      differences.append("\(rows.count) rows for \(decisions.count) records")
    }
    for line in decisions {
      guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
        let key = object["key"] as? String, let record = object["record"] as? Int
      else {
        differences.append("unreadable plum run line: \(line)")
        continue
      }
      guard let row = byKey[key] else {
        differences.append("no row for key \(key)")
        continue
      }
      let code = row["error_code"] as? String
      if let error = object["error"] as? [String: Any], let expected = error["code"] as? String {
        let message = error["message"] as? String
        let agrees =
          expected.hasPrefix("P06")
          ? (code?.hasPrefix("P06") ?? false)
          : (code == expected && row["error_message"] as? String == message)
        if !agrees { differences.append("\(line)\n  sql: \(describe(row))") }
        continue
      }
      if code == "P0808", line.range(of: "[0-9]{39}", options: .regularExpression) != nil {
        // A float past 2^127 shown with fixed decimals: refused per record, as documented.
        unprintable += 1
        continue
      }
      let rewards = row["rewards"] as? String ?? "?"
      let reasons = row["reasons"] as? String ?? "?"
      let built =
        "{\"record\":\(record),\"key\":\(quoted(key)),\"rewards\":\(rewards),\"reasons\":\(reasons)}"
      if code != nil || built != line { differences.append("\(line)\n  sql: \(describe(row))") }
    }
    return differences
  }

  /// A JSON string as `plum run` writes a key.
  static func quoted(_ text: String) -> String {
    let data =
      (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }

  static func describe(_ row: [String: Any]) -> String {
    row.keys.sorted().map { "\($0)=\(row[$0] ?? "nil")" }.joined(separator: " ")
  }
}
