#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable window of bytes, `[start, end)` readable: a connection's input or output.
///
/// Consuming moves `start`; the bytes are moved down only when room is needed at the end, so a
/// pipelined burst of requests costs one move, not one per request.
final class ByteBuffer {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  private(set) var start = 0
  private(set) var end = 0

  init(capacity: Int) {
    self.capacity = max(64, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// The number of readable bytes.
  var count: Int { end - start }
  var isEmpty: Bool { end == start }

  /// The readable bytes, valid until the buffer is changed.
  var readable: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + start, count: end - start) }

  /// Drops `count` readable bytes from the front.
  func consume(_ count: Int) {
    start += min(count, end - start)
    if start == end {
      start = 0
      end = 0
    }
  }

  /// Empties the buffer, keeping its storage.
  func removeAll() {
    start = 0
    end = 0
  }

  /// Makes room for at least `needed` more bytes after `end` and returns where they go.
  func reserve(_ needed: Int) -> UnsafeMutableRawBufferPointer {
    if capacity - end < needed {
      if start > 0 {
        memmove(base, base + start, end - start)
        end -= start
        start = 0
      }
      if capacity - end < needed {
        let newCapacity = max(capacity * 2, end + needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: end)
        base.deallocate()
        base = newBase
        capacity = newCapacity
      }
    }
    return UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end)
  }

  /// Marks `count` bytes written after `end` (into space from `reserve`).
  func commit(_ count: Int) {
    end += count
  }

  /// Appends bytes.
  func append(_ bytes: UnsafeRawBufferPointer) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    let room = reserve(bytes.count)
    room.baseAddress?.copyMemory(from: source, byteCount: bytes.count)
    end += bytes.count
  }

  /// Appends bytes.
  func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  /// Appends literal text.
  func append(static text: StaticString) {
    append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 of a string.
  func append(_ text: String) {
    var text = text
    text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  /// Appends a non-negative integer in decimal.
  func append(decimal value: Int) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { scratch in
      var remaining = value.magnitude
      var index = scratch.count
      repeat {
        index -= 1
        scratch[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
        remaining /= 10
      } while remaining > 0
      append(UnsafeRawBufferPointer(rebasing: scratch[index...]))
    }
  }

  /// Returns the storage to a small size when a large request has grown it, so an idle
  /// connection does not keep a megabyte.
  func shrinkIfLarge(limit: Int, to size: Int) {
    guard capacity > limit, count <= size else { return }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    newBase.update(from: base + start, count: count)
    base.deallocate()
    base = newBase
    end = count
    start = 0
    capacity = size
  }
}
