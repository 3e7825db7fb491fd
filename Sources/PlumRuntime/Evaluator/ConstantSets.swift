/// Constant sets for `in`, stored back to back in buffers the machine owns for its whole life.
///
/// ASCII strings of up to 7 bytes are also kept packed into one integer, so testing a short
/// string against a set costs one look at its bytes and a few integer comparisons. Anything else
/// is compared with `==` (canonical equivalence, as everywhere in Plum).
struct ConstantSets {
  private let ints: UnsafeMutableBufferPointer<Int64>
  private let intBounds: UnsafeMutableBufferPointer<(Int, Int)>
  private let floats: UnsafeMutableBufferPointer<Double>
  private let floatBounds: UnsafeMutableBufferPointer<(Int, Int)>
  private let strings: UnsafeMutableBufferPointer<String>
  private let packed: UnsafeMutableBufferPointer<UInt64>
  private let stringBounds: UnsafeMutableBufferPointer<(Int, Int)>
  /// Per string set: whether every element is short enough to be packed.
  private let allPacked: UnsafeMutableBufferPointer<Bool>

  init(ints intSets: [[Int64]], floats floatSets: [[Double]], strings stringSets: [[String]]) {
    (ints, intBounds) = Self.flatten(intSets)
    (floats, floatBounds) = Self.flatten(floatSets)
    (strings, stringBounds) = Self.flatten(stringSets)
    packed = .allocate(capacity: strings.count)
    packed.initialize(repeating: 0)
    for (index, text) in strings.enumerated() { packed[index] = Self.pack(text) ?? .max }
    allPacked = .allocate(capacity: stringSets.count)
    allPacked.initialize(repeating: false)
    for (index, set) in stringSets.enumerated() { allPacked[index] = set.allSatisfy { Self.pack($0) != nil } }
  }

  private static func flatten<T>(_ sets: [[T]]) -> (
    UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<(Int, Int)>
  ) {
    let flat = sets.flatMap { $0 }
    let storage = UnsafeMutableBufferPointer<T>.allocate(capacity: flat.count)
    _ = storage.initialize(from: flat)
    // Exactly one initialised slot per set, so nothing ever sees an uninitialised bound.
    let bounds = UnsafeMutableBufferPointer<(Int, Int)>.allocate(capacity: sets.count)
    var start = 0
    for (index, set) in sets.enumerated() {
      bounds.initializeElement(at: index, to: (start, start + set.count))
      start += set.count
    }
    return (storage, bounds)
  }

  /// Frees the buffers; call once, when the machine goes away.
  func deallocate() {
    ints.deallocate()
    intBounds.deallocate()
    floats.deallocate()
    floatBounds.deallocate()
    strings.deinitialize()
    strings.deallocate()
    packed.deallocate()
    stringBounds.deallocate()
    allPacked.deallocate()
  }

  /// An ASCII string of at most 7 bytes as one integer: the bytes little-endian, the length in the
  /// top byte; nil for longer or non-ASCII text.
  @inline(__always)
  static func pack(_ text: String) -> UInt64? {
    // Native and small strings are contiguous UTF-8, read in place; bridged ones take the slow path.
    let packed = text.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
      let count = bytes.count
      guard count <= 7 else { return nil }
      var value = UInt64(count) << 56
      var index = 0
      while index < count {
        let byte = bytes[index]
        if byte >= 0x80 { return nil }
        value |= UInt64(byte) << (8 * UInt64(index))
        index += 1
      }
      return value
    }
    return packed ?? nil
  }

  @inline(__always)
  func contains(_ value: Int64, inIntSet set: Int) -> Bool {
    let (start, end) = intBounds[set]
    var index = start
    while index < end {
      if ints[index] == value { return true }
      index += 1
    }
    return false
  }

  @inline(__always)
  func contains(_ value: Double, inFloatSet set: Int) -> Bool {
    let (start, end) = floatBounds[set]
    var index = start
    while index < end {
      if floats[index] == value { return true }
      index += 1
    }
    return false
  }

  @inline(__always)
  func contains(_ value: String, inStringSet set: Int) -> Bool {
    let (start, end) = stringBounds[set]
    if allPacked[set], let key = Self.pack(value) {
      var index = start
      while index < end {
        if packed[index] == key { return true }
        index += 1
      }
      return false
    }
    var index = start
    while index < end {
      if Text.same(strings[index], value) { return true }
      index += 1
    }
    return false
  }
}
