import PlumChecker
import PlumRuntime

extension SQLCompiler {
  /// The column of an input field: its dotted path with `_` for `.` (`consent.marketing` is
  /// `consent_marketing`).
  static func columnName(_ path: String) -> String { path.replacingAll(".", with: "_") }

  /// Reports input columns whose names the query uses for its own columns.
  func checkColumns() {
    var seen: [String: String] = [:]
    for field in policy.input.fields {
      let column = Self.columnName(field.path)
      if column.lowercased().hasPrefix("plum_") {
        report(
          SQLDiagnostics.reservedColumn,
          "input column `\(column)` starts with `plum_`, which the compiled query uses for its own columns",
          at: field.name.range)
      }
      if let other = seen[column.lowercased()] {
        report(
          SQLDiagnostics.reservedColumn,
          "fields `\(other)` and `\(field.path)` are both column `\(column)` in SQL", at: field.name.range)
      }
      seen[column.lowercased()] = field.path
    }
  }

  /// The column of field `index`, quoted.
  func column(_ index: Int) -> SQLFragment {
    .literal(spelling.identifier(Self.columnName(policy.input.fields[index].path)))
  }

  /// A field's value in the machine's representation: dates as days, money in minor units,
  /// enumerations as case indexes; NULL when missing or invalid (a read error says which).
  func inputValue(_ index: Int) -> SQLFragment {
    let field = policy.input.fields[index]
    let raw = column(index)
    switch field.type.unwrapped {
    case .date: return builder.bind(sql(raw) { spelling.daysSinceEpoch($0[0]) })
    case .money(let currency):
      let scaled = builder.bind(
        sql(raw) { "(\($0[0]) * \(Money.powerOfTen(Money.minorDigits(of: currency))))" })
      return builder.bind(
        sql(scaled) {
          "CASE WHEN \($0[0]) = floor(\($0[0])) AND \($0[0]) BETWEEN \(int64Min) AND \(Int64.max) "
            + "THEN CAST(\($0[0]) AS \(spelling.bigint)) END"
        })
    case .enumeration(let type):
      let cases = type.cases.enumerated().map {
        "WHEN \(spelling.string($0.element)) THEN \(bigint(Int64($0.offset)))"
      }
      return builder.bind(sql(raw) { "CASE \($0[0]) \(cases.joined(separator: " ")) END" })
    default: return raw
    }
  }

  /// The first field of the record that is missing though required, or invalid, as a stop text.
  func readErrors() -> SQLFragment {
    var checks: [SQLFragment] = []
    for (index, field) in policy.input.fields.enumerated() {
      let raw = column(index)
      let name = field.attributes.isPII ? "a pii field (value redacted)" : "field `\(field.path)`"
      if !field.type.isOptional {
        checks.append(
          sql(raw) {
            "CASE WHEN \($0[0]) IS NULL THEN \(spelling.string("P0602|missing required value in \(name)")) END"
          })
      }
      switch field.type.unwrapped {
      case .money, .enumeration:
        checks.append(
          sql(raw, fields[index]) {
            "CASE WHEN \($0[0]) IS NOT NULL AND \($0[1]) IS NULL THEN "
              + "\(spelling.string("P0603|wrong type or invalid value in \(name)")) END"
          })
      default: break
      }
    }
    if checks.isEmpty { return .null }
    return builder.bind(sql(checks) { "COALESCE(\($0.joined(separator: ", ")), NULL)" })
  }

  /// The key as `plum run` writes it (a string), or nil when the policy has no visible key.
  func keyText() -> SQLFragment? {
    guard let key = policy.input.keyField, !policy.input.fields[key].attributes.isPII else { return nil }
    let raw = column(key)
    switch policy.input.fields[key].type.unwrapped {
    case .string: return raw
    case .float: return shortestText(raw)
    default: return sql(fields[key]) { "CAST(\($0[0]) AS \(spelling.text))" }
    }
  }

  /// An int literal typed as a 64-bit integer.
  func bigint(_ value: Int64) -> String {
    value == .min
      ? "(CAST(-9223372036854775807 AS \(spelling.bigint)) - 1)" : "CAST(\(value) AS \(spelling.bigint))"
  }

  /// The lowest 64-bit integer, as a literal of the wide type.
  var int64Min: String { "-9223372036854775808" }
}
