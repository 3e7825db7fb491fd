import PlumChecker
import PlumData
import PlumDiagnostics

/// Converts records between the readers' rows and typed values, for explanations and counterfactuals.
public enum ExplainRecord {
  /// The values of a row's fields in schema order; absent fields are `missing`.
  public static func values(of row: RecordRow, schema: RecordSchema, input: InputSchema) -> [ExplainValue] {
    input.fields.enumerated().map { index, field in
      guard schema.fields.indices.contains(index), row.present.indices.contains(index), row.present[index]
      else {
        return .missing
      }
      let slot = schema.slots[index]
      switch slot.storage {
      case .float: return .float(row.floats[slot.index])
      case .string: return .string(row.strings[slot.index])
      case .int:
        let number = row.ints[slot.index]
        switch field.type.unwrapped {
        case .bool: return .bool(number != 0)
        case .money(let currency): return .money(number, currency: currency)
        case .date: return .date(number)
        case .duration: return .duration(number)
        case .enumeration(let type): return .enumeration(type, Int(number))
        default: return .int(number)
        }
      }
    }
  }

  /// A row holding `values` (in schema order), laid out as `schema` says.
  public static func row(from values: [ExplainValue], schema: RecordSchema) -> RecordRow {
    var row = schema.makeRow()
    for (index, value) in values.enumerated() where schema.fields.indices.contains(index) && !value.isMissing
    {
      let slot = schema.slots[index]
      switch (slot.storage, value) {
      case (.float, .float(let number)): row.floats[slot.index] = number
      case (.float, .int(let number)): row.floats[slot.index] = Double(number)
      case (.string, .string(let text)): row.strings[slot.index] = text
      case (.int, let other):
        guard let number = other.integer else { continue }
        row.ints[slot.index] = number
      default: continue
      }
      row.present[index] = true
    }
    return row
  }
}
