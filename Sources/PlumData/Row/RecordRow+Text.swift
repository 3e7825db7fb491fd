extension RecordRow {
  /// A field's value as plain text (a string as is, numbers in decimal, money with its scale,
  /// dates as `YYYY-MM-DD`, enumerations as the case name), or `nil` when it is absent.
  ///
  /// Readers use it to name a failed record by its key.
  public func text(ofField field: Int, in schema: RecordSchema) -> String? {
    guard let value = value(ofField: field, in: schema) else { return nil }
    switch value {
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .float(let value): return value.description
    case .money(let minorUnits, let scale): return MoneyText.format(minorUnits: minorUnits, scale: scale)
    case .string(let value): return value
    case .date(let days):
      let (year, month, day) = CivilDate.components(days)
      func pad(_ number: Int64, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
      }
      return "\(pad(year, 4))-\(pad(Int64(month), 2))-\(pad(Int64(day), 2))"
    case .enumeration(let index):
      guard case .enumeration(let cases) = schema.fields[field].type, cases.indices.contains(index) else {
        return String(index)
      }
      return cases[index]
    }
  }
}
