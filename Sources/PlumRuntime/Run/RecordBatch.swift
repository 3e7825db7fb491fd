import PlumData

/// Records held in memory in one flat block per register file, row after row, in the layout the
/// machine's input registers use; evaluating from a batch touches memory sequentially.
public struct RecordBatch: Sendable {
  /// The number of records.
  public private(set) var count = 0
  let intWidth: Int
  let floatWidth: Int
  let stringWidth: Int
  let fieldCount: Int
  var ints: [Int64] = []
  var floats: [Double] = []
  var strings: [String] = []
  var present: [Bool] = []

  /// Creates an empty batch for rows of `schema`.
  public init(schema: RecordSchema) {
    intWidth = schema.intSlotCount
    floatWidth = schema.floatSlotCount
    stringWidth = schema.stringSlotCount
    fieldCount = schema.fields.count
  }

  /// Appends a copy of a row.
  public mutating func append(_ row: borrowing RecordRow) {
    ints.append(contentsOf: row.ints.prefix(intWidth))
    floats.append(contentsOf: row.floats.prefix(floatWidth))
    strings.append(contentsOf: row.strings.prefix(stringWidth))
    present.append(contentsOf: row.present.prefix(fieldCount))
    count += 1
  }
}

extension DecisionRunner {
  /// Evaluates record `index` of a batch and selects its rewards, like `evaluate(_:)` for a row.
  @inline(__always)
  public func evaluate(_ batch: borrowing RecordBatch, at index: Int) -> Bool {
    batch.ints.withUnsafeBufferPointer { ints in
      batch.floats.withUnsafeBufferPointer { floats in
        batch.strings.withUnsafeBufferPointer { strings in
          batch.present.withUnsafeBufferPointer { present in
            machine.load(
              ints: UnsafeBufferPointer(rebasing: ints[index * batch.intWidth..<(index + 1) * batch.intWidth]),
              floats: UnsafeBufferPointer(rebasing: floats[index * batch.floatWidth..<(index + 1) * batch.floatWidth]),
              strings: UnsafeBufferPointer(
                rebasing: strings[index * batch.stringWidth..<(index + 1) * batch.stringWidth]),
              present: UnsafeBufferPointer(rebasing: present[index * batch.fieldCount..<(index + 1) * batch.fieldCount]))
          }
        }
      }
    }
    return evaluateLoaded()
  }
}
