/// The keys of the records read so far in one run, to find a record whose key an earlier record
/// already had: deciding it again could double a payout.
///
/// Keys are compared exactly, as text (an int key by its decimal digits), and held in a `KeyStore`;
/// `docs/performance.md` gives the memory per key.
public final class KeyRegistry {
  /// The schema's key field.
  public let keyField: Int
  private let keySlot: FieldSlot
  private let store = KeyStore()
  /// Where an int key's decimal text is written.
  private var scratch: [UInt8] = []

  /// A registry for the keys of `schema`'s records, or nil when the schema has no key.
  public init?(schema: RecordSchema) {
    guard let keyField = schema.keyField else { return nil }
    self.keyField = keyField
    keySlot = schema.slots[keyField]
  }

  /// The number of keys held.
  public var count: Int { store.count }

  /// The bytes the registry holds.
  public var byteCount: Int { store.byteCount }

  /// Records the key of `row`, read as record number `record`; returns the error for the row when
  /// an earlier record had the same key, or nil (also when the row has no key value).
  public func admit(_ row: borrowing RecordRow, record: Int) -> RecordError? {
    guard row.present[keyField] else { return nil }
    let earlier: Int?
    switch keySlot.storage {
    case .string:
      var text = row.strings[keySlot.index]
      earlier = text.withUTF8 { store.insert($0, record: record) }
    case .int:
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: String(row.ints[keySlot.index]).utf8)
      earlier = scratch.withUnsafeBufferPointer { store.insert($0, record: record) }
    case .float:
      return nil
    }
    guard let earlier else { return nil }
    let key = keySlot.storage == .string ? row.strings[keySlot.index] : String(row.ints[keySlot.index])
    return Self.duplicate(of: earlier, line: row.line, key: key)
  }

  /// Records the key of a record that could not be read, when the reader could still name it, so
  /// that a later record with the same key is found too.
  public func admit(_ error: RecordError, record: Int) {
    guard var key = error.key else { return }
    _ = key.withUTF8 { store.insert($0, record: record) }
  }

  /// Records the key of an outcome as `admit(_:record:)` does, and returns the outcome, or the
  /// error that replaces a row whose key an earlier record had.
  public func admit(_ outcome: RecordOutcome, record: Int) -> RecordOutcome {
    switch outcome {
    case .row(let row):
      return admit(row, record: record).map { .failure($0) } ?? outcome
    case .failure(let error):
      admit(error, record: record)
      return outcome
    }
  }

  /// The error of a record whose key record `earlier` already had.
  static func duplicate(of earlier: Int, line: Int, key: String?) -> RecordError {
    RecordError(
      line: line, key: key, field: nil, code: .duplicateRecordKey,
      message: "key already seen in record \(earlier)")
  }
}
