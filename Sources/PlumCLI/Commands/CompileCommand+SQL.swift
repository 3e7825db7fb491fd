import Foundation
import PlumData
import PlumDriver
import PlumRuntime
import PlumSQL

extension CompileCommand {
  /// The SQL options `--dialect`, `--table` and `--as-of` give.
  static func sqlOptions(_ arguments: ParsedArguments, path: String) throws(UsageError) -> SQLOptions {
    guard let name = arguments.value("--dialect") else {
      throw UsageError(message: "missing '--dialect <engine>' (duckdb, postgres or spark) for '--emit sql'")
    }
    guard let dialect = SQLDialect(rawValue: name) else {
      throw UsageError(message: "the value '\(name)' is invalid for '--dialect <engine>'")
    }
    let asOf: Int64
    if let text = arguments.value("--as-of") {
      guard let days = CivilDate.parse(text) else {
        throw UsageError(message: "the value '\(text)' is invalid for '--as-of <date>'; expected YYYY-MM-DD")
      }
      asOf = days
    } else {
      asOf = Int64((Date().timeIntervalSince1970 / 86_400).rounded(.down))
    }
    let table = arguments.value("--table") ?? "participants"
    guard !table.isEmpty,
      table.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty })
    else {
      throw UsageError(message: "the value '\(table)' is invalid for '--table <name>'")
    }
    return SQLOptions(
      dialect: dialect, table: table, asOf: asOf, modelDirectory: Driver.modelDirectory(ofPolicyAt: path))
  }
}
