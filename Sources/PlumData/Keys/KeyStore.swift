#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A set of byte strings, each with the number of the record that brought it, built for the keys
/// of one run: exact, compact, and cheap when keys arrive in order.
///
/// Every key is packed into one byte arena (a varint length, the bytes, the varint record number).
/// Keys that arrive in increasing order (shorter first, then byte order: `p9` before `p10`, as a
/// sorted export has them) cannot repeat an earlier key, so they are only appended to the arena
/// and to `ordered`, which stays sorted; this costs no lookup at all. Any other key is looked up in
/// `ordered` by binary search and in an open-addressing table of 16-byte slots (64-bit hash and
/// arena offset), where it is added when new. The hash is Swift's seeded `Hasher`, so crafted keys
/// cannot make the table slow; it changes only where keys sit, never what is found.
final class KeyStore {
  /// A key's hash (never 0) and arena offset; hash 0 marks an empty slot.
  private struct Slot {
    var hash: UInt64
    var offset: Int
  }

  private var arena: UnsafeMutablePointer<UInt8>
  private var arenaCount = 0
  private var arenaCapacity = 1 << 16
  /// The arena offsets of the keys that arrived in increasing order, in that order.
  private var ordered: [Int] = []
  private var slots: UnsafeMutablePointer<Slot>
  private var capacity = 1024
  private var hashedCount = 0
  /// The number of keys held.
  private(set) var count = 0

  init() {
    arena = .allocate(capacity: arenaCapacity)
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: Slot(hash: 0, offset: 0), count: capacity)
  }

  deinit {
    arena.deallocate()
    slots.deallocate()
  }

  /// The bytes held: the arena, the ordered offsets and the table.
  var byteCount: Int {
    arenaCapacity + ordered.capacity * MemoryLayout<Int>.stride + capacity * MemoryLayout<Slot>.stride
  }

  /// Adds `key` for `record` and returns nil, or returns the record that had it first.
  func insert(_ key: UnsafeBufferPointer<UInt8>, record: Int) -> Int? {
    if let last = ordered.last {
      let order = compare(key, toKeyAt: last)
      if order == 0 { return recordNumber(at: last) }
      if order > 0 {
        ordered.append(append(key, record: record))
        count += 1
        return nil
      }
      if let earlier = searchOrdered(key) { return earlier }
    } else {
      ordered.append(append(key, record: record))
      count += 1
      return nil
    }
    return insertHashed(key, record: record)
  }

  // MARK: Ordered keys

  /// The record of `key` among the ordered keys, by binary search.
  private func searchOrdered(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    var low = 0
    var high = ordered.count
    while low < high {
      let middle = (low + high) / 2
      let order = compare(key, toKeyAt: ordered[middle])
      if order == 0 { return recordNumber(at: ordered[middle]) }
      if order < 0 { high = middle } else { low = middle + 1 }
    }
    return nil
  }

  /// Shorter keys first, then byte order: negative, zero or positive.
  private func compare(_ key: UnsafeBufferPointer<UInt8>, toKeyAt offset: Int) -> Int {
    var position = offset
    let length = Int(readVarint(&position))
    if key.count != length { return key.count < length ? -1 : 1 }
    guard length > 0, let base = key.baseAddress else { return 0 }
    let order = memcmp(base, arena + position, length)
    return Int(order)
  }

  // MARK: Hashed keys

  private func insertHashed(_ key: UnsafeBufferPointer<UInt8>, record: Int) -> Int? {
    let hash = Self.hash(key)
    let mask = capacity - 1
    var index = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[index]
      if slot.hash == 0 { break }
      if slot.hash == hash, compare(key, toKeyAt: slot.offset) == 0 { return recordNumber(at: slot.offset) }
      index = (index + 1) & mask
    }
    slots[index] = Slot(hash: hash, offset: append(key, record: record))
    count += 1
    hashedCount += 1
    if hashedCount * 4 > capacity * 3 { grow() }
    return nil
  }

  private func grow() {
    let old = slots
    let oldCapacity = capacity
    capacity *= 2
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: Slot(hash: 0, offset: 0), count: capacity)
    let mask = capacity - 1
    for oldIndex in 0..<oldCapacity where old[oldIndex].hash != 0 {
      var index = Int(truncatingIfNeeded: old[oldIndex].hash) & mask
      while slots[index].hash != 0 { index = (index + 1) & mask }
      slots[index] = old[oldIndex]
    }
    old.deallocate()
  }

  /// The key's hash, never 0 (which marks an empty slot).
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(key))
    let hash = UInt64(bitPattern: Int64(hasher.finalize()))
    return hash == 0 ? 1 : hash
  }

  // MARK: Arena

  /// Appends a key and its record; returns the entry's offset.
  private func append(_ key: UnsafeBufferPointer<UInt8>, record: Int) -> Int {
    let offset = arenaCount
    reserve(key.count + 20)
    appendVarint(UInt64(key.count))
    if let base = key.baseAddress { (arena + arenaCount).update(from: base, count: key.count) }
    arenaCount += key.count
    appendVarint(UInt64(record))
    return offset
  }

  private func reserve(_ extra: Int) {
    guard arenaCount + extra > arenaCapacity else { return }
    let newCapacity = max(arenaCapacity * 2, arenaCount + extra)
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.update(from: arena, count: arenaCount)
    arena.deallocate()
    arena = grown
    arenaCapacity = newCapacity
  }

  /// The record number stored after the key at `offset`.
  private func recordNumber(at offset: Int) -> Int {
    var position = offset
    let length = Int(readVarint(&position))
    position += length
    return Int(readVarint(&position))
  }

  private func appendVarint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      arena[arenaCount] = UInt8(truncatingIfNeeded: value) | 0x80
      arenaCount += 1
      value >>= 7
    }
    arena[arenaCount] = UInt8(value)
    arenaCount += 1
  }

  private func readVarint(_ position: inout Int) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < arenaCount {
      let byte = arena[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    return value
  }
}
