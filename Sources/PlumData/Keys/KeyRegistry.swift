/// The keys of the records read so far in one run, to find a record whose key an earlier record
/// already had: deciding it again could double a payout.
///
/// Keys are kept exactly (never as hashes alone, so two keys are never confused), packed one after
/// another in one byte arena with the number of the record that had each; an open-addressing table
/// of 8-byte slots points into the arena. A slot holds a 16-bit hash tag and the arena offset, so
/// a probe compares key bytes only when the tags agree. `docs/performance.md` gives the memory per
/// key. The hash is Swift's seeded `Hasher`, so crafted keys cannot make lookups slow; it changes
/// only where keys sit in the table, never what is found.
public final class KeyRegistry {
  /// The schema's key field.
  public let keyField: Int
  private let keySlot: FieldSlot
  /// Each key as a varint length, its bytes, then the varint number of the record that had it.
  private var arena: [UInt8] = []
  /// 0 for an empty slot, else the tag in the top 16 bits and the arena offset + 1 below.
  private var slots: UnsafeMutablePointer<UInt64>
  private var capacity = 1024
  /// The number of keys held.
  public private(set) var count = 0
  /// Where an int key's decimal text is written.
  private var scratch: [UInt8] = []

  private static let offsetMask: UInt64 = (1 << 48) - 1

  /// A registry for the keys of `schema`'s records, or nil when the schema has no key.
  public init?(schema: RecordSchema) {
    guard let keyField = schema.keyField else { return nil }
    self.keyField = keyField
    keySlot = schema.slots[keyField]
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
  }

  deinit { slots.deallocate() }

  /// The bytes the registry holds: the table and the arena's storage.
  public var byteCount: Int { capacity * 8 + arena.capacity }

  /// Records the key of `row`, read as record number `record`; returns the error for the row when
  /// an earlier record had the same key, or nil (also when the row has no key value).
  public func admit(_ row: borrowing RecordRow, record: Int) -> RecordError? {
    guard row.present[keyField] else { return nil }
    let earlier: Int?
    switch keySlot.storage {
    case .string:
      var text = row.strings[keySlot.index]
      earlier = text.withUTF8 { insert($0, record: record) }
    case .int:
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: String(row.ints[keySlot.index]).utf8)
      earlier = scratch.withUnsafeBufferPointer { insert($0, record: record) }
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
    _ = key.withUTF8 { insert($0, record: record) }
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

  // MARK: Table

  /// Adds `key` for `record` and returns nil, or returns the record that had it first.
  private func insert(_ key: UnsafeBufferPointer<UInt8>, record: Int) -> Int? {
    let hash = Self.hash(key)
    let tag = (hash >> 48) | 1
    let mask = capacity - 1
    var index = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[index]
      if slot == 0 { break }
      if slot >> 48 == tag, let earlier = matchingRecord(at: Int(slot & Self.offsetMask) - 1, key: key) {
        return earlier
      }
      index = (index + 1) & mask
    }
    let offset = arena.count
    appendVarint(UInt64(key.count))
    arena.append(contentsOf: key)
    appendVarint(UInt64(record))
    slots[index] = tag << 48 | UInt64(offset + 1)
    count += 1
    if count * 4 > capacity * 3 { grow() }
    return nil
  }

  /// The record number stored with the key at arena `offset` if that key equals `key`.
  private func matchingRecord(at offset: Int, key: UnsafeBufferPointer<UInt8>) -> Int? {
    arena.withUnsafeBufferPointer { arena -> Int? in
      var position = offset
      let length = Int(Self.readVarint(arena, &position))
      guard length == key.count else { return nil }
      if length > 0 {
        guard let base = arena.baseAddress, let keyBase = key.baseAddress,
          ByteScan.equal(base + position, keyBase, count: length)
        else { return nil }
      }
      position += length
      return Int(Self.readVarint(arena, &position))
    }
  }

  private func grow() {
    let old = slots
    let oldCapacity = capacity
    capacity *= 2
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    let mask = capacity - 1
    arena.withUnsafeBufferPointer { arena in
      for oldIndex in 0..<oldCapacity where old[oldIndex] != 0 {
        var position = Int(old[oldIndex] & Self.offsetMask) - 1
        let length = Int(Self.readVarint(arena, &position))
        let hash = Self.hash(UnsafeBufferPointer(rebasing: arena[position..<position + length]))
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = old[oldIndex]
      }
    }
    old.deallocate()
  }

  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(key))
    return UInt64(bitPattern: Int64(hasher.finalize()))
  }

  private func appendVarint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      arena.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    arena.append(UInt8(value))
  }

  private static func readVarint(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    return value
  }
}
