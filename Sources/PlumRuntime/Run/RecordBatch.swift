import PlumData

/// Records held in memory in one flat block per register file, row after row, in the layout the
/// machine's input registers use; evaluating from a batch touches memory sequentially.
public final class RecordBatch {
  /// The number of records.
  public private(set) var count = 0
  private var capacity = 0
  private let intWidth: Int
  private let floatWidth: Int
  private let stringWidth: Int
  private let fieldCount: Int
  private var ints: UnsafeMutablePointer<Int64>
  private var floats: UnsafeMutablePointer<Double>
  private var strings: UnsafeMutablePointer<String>
  private var present: UnsafeMutablePointer<Bool>

  /// Creates an empty batch for rows of `schema`.
  public init(schema: RecordSchema) {
    intWidth = schema.intSlotCount
    floatWidth = schema.floatSlotCount
    stringWidth = schema.stringSlotCount
    fieldCount = schema.fields.count
    ints = .allocate(capacity: 0)
    floats = .allocate(capacity: 0)
    strings = .allocate(capacity: 0)
    present = .allocate(capacity: 0)
  }

  deinit {
    ints.deallocate()
    floats.deallocate()
    strings.deinitialize(count: count * stringWidth)
    strings.deallocate()
    present.deallocate()
  }

  /// Appends a copy of a row.
  public func append(_ row: borrowing RecordRow) {
    if count == capacity { grow() }
    for index in 0..<intWidth { (ints + count * intWidth + index).initialize(to: row.ints[index]) }
    for index in 0..<floatWidth { (floats + count * floatWidth + index).initialize(to: row.floats[index]) }
    for index in 0..<stringWidth {
      (strings + count * stringWidth + index).initialize(to: row.strings[index])
    }
    for index in 0..<fieldCount { (present + count * fieldCount + index).initialize(to: row.present[index]) }
    count += 1
  }

  private func grow() {
    let newCapacity = max(1024, capacity * 2)
    func moved<T>(_ old: UnsafeMutablePointer<T>, width: Int) -> UnsafeMutablePointer<T> {
      let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity * width)
      new.moveInitialize(from: old, count: count * width)
      old.deallocate()
      return new
    }
    ints = moved(ints, width: intWidth)
    floats = moved(floats, width: floatWidth)
    strings = moved(strings, width: stringWidth)
    present = moved(present, width: fieldCount)
    capacity = newCapacity
  }

  /// Loads record `index` into a machine.
  @inline(__always)
  func load(_ index: Int, into machine: Machine) {
    machine.load(
      ints: UnsafeBufferPointer(start: ints + index * intWidth, count: intWidth),
      floats: UnsafeBufferPointer(start: floats + index * floatWidth, count: floatWidth),
      strings: UnsafeBufferPointer(start: strings + index * stringWidth, count: stringWidth),
      present: UnsafeBufferPointer(start: present + index * fieldCount, count: fieldCount))
  }
}

extension DecisionRunner {
  /// Evaluates record `index` of a batch and selects its rewards, like `evaluate(_:)` for a row.
  @inline(__always)
  public func evaluate(_ batch: RecordBatch, at index: Int) -> Bool {
    batch.load(index, into: machine)
    return evaluateLoaded()
  }
}
