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
    let line = row.line
    return withKey(of: row) { admit(key: $0, line: line, record: record) } ?? nil
  }

  /// Calls `body` with the text of `row`'s key (an int key's decimal digits); nil, without calling
  /// it, when the row has no key value or the key cannot be compared as text.
  public func withKey<Result>(of row: borrowing RecordRow, _ body: (UnsafeBufferPointer<UInt8>) -> Result)
    -> Result?
  {
    guard row.present[keyField] else { return nil }
    switch keySlot.storage {
    case .string:
      var text = row.strings[keySlot.index]
      return text.withUTF8 { body($0) }
    case .int:
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: String(row.ints[keySlot.index]).utf8)
      return scratch.withUnsafeBufferPointer { body($0) }
    case .float:
      return nil
    }
  }

  /// Records a key given as text (see `withKey(of:_:)`) of a row read as record `record` from line
  /// `line`; returns the error for that row when an earlier record had the same key, or nil.
  public func admit(key: UnsafeBufferPointer<UInt8>, line: Int, record: Int) -> RecordError? {
    guard let earlier = store.insert(key, record: record) else { return nil }
    return Self.duplicate(of: earlier, line: line, key: String(decoding: key, as: UTF8.self))
  }

  /// Records the key text of a record that could not be read, as `admit(_ error:record:)` does.
  public func admitFailed(key: UnsafeBufferPointer<UInt8>, record: Int) {
    _ = store.insert(key, record: record)
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
