#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable window of bytes read from a source: `[start, end)` are read but not yet consumed.
///
/// The window starts at `chunkSize` bytes and grows only when one record does not fit in half of
/// it, so memory stays flat for any number of records.
final class InputBuffer {
  /// The first byte of the window's storage; it moves when the storage grows.
  private(set) var base: UnsafeMutablePointer<UInt8>
  /// The storage's size in bytes.
  private(set) var capacity: Int
  /// The first unconsumed byte.
  var start = 0
  /// One past the last byte read.
  private(set) var end = 0
  /// Whether the source has reported the end of input.
  private(set) var isAtEnd = false
  /// How many bytes of the input lie before `base[0]`: the input offset of a window position `i`
  /// is `origin + i`.
  private(set) var origin = 0
  private var source: any ByteSource
  /// Whether `fill` returns after one successful read (see `ReaderOptions.streaming`).
  private let streaming: Bool

  /// Creates an empty window over `source`.
  init(source: any ByteSource, chunkSize: Int, streaming: Bool = false) {
    self.source = source
    self.streaming = streaming
    capacity = max(1, chunkSize)
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// The number of unconsumed bytes.
  var pendingCount: Int { end - start }

  /// Reads more bytes after `end`, first moving the unconsumed bytes to offset 0 (so every
  /// position shifts down by the old `start`); returns false when the input has ended.
  ///
  /// It reads at least as many bytes as are pending, so a record that spans many reads is
  /// rescanned only a logarithmic number of times.
  @discardableResult
  func fill() throws(DataError) -> Bool {
    guard !isAtEnd else { return false }
    let pending = end - start
    if start > 0 {
      if pending > 0 { memmove(base, base + start, pending) }
      origin += start
      start = 0
      end = pending
    }
    let wanted = streaming ? 1 : max(1, pending)
    if capacity - end < wanted {
      let newCapacity = max(capacity * 2, end + wanted)
      let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      newBase.update(from: base, count: end)
      base.deallocate()
      base = newBase
      capacity = newCapacity
    }
    var received = 0
    while received < wanted {
      let count = try source.read(
        into: UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
      if count <= 0 {
        isAtEnd = true
        break
      }
      end += count
      received += count
    }
    return received > 0
  }

  /// The part of the window a reader splits, so that it can tell a record one byte longer than
  /// `limit` (not counting its LF or CRLF) without reading further: where it ends, whether the
  /// input ends there, and whether it is full, so that a record not complete in it is too long.
  func window(limit: Int) -> (end: Int, isAtEnd: Bool, isFull: Bool) {
    let room = limit > Int.max - 2 ? Int.max : limit + 2
    if end - start > room { return (start + room, false, true) }
    return (end, isAtEnd, end - start == room)
  }

  /// The position of the first line feed in `[from, to)`, or nil.
  func firstLineFeed(from: Int, to: Int) -> Int? {
    guard from < to, let found = memchr(base + from, 0x0A, to - from) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// The length of the record in `[from, next)` without its line ending (LF or CRLF).
  func contentLength(from: Int, to next: Int) -> Int {
    var last = next
    if last > from && base[last - 1] == 0x0A {
      last -= 1
      if last > from && base[last - 1] == 0x0D { last -= 1 }
    }
    return last - from
  }

  /// Continues at input offset `offset` (see `origin`): within the window when the bytes are still
  /// there, else by rewinding the source; false when the source cannot go back.
  func rewind(toOffset offset: Int) -> Bool {
    if offset >= origin && offset <= origin + end {
      start = offset - origin
      return true
    }
    guard source.rewind(toOffset: offset) else { return false }
    origin = offset
    start = 0
    end = 0
    isAtEnd = false
    return true
  }

  /// Hands over what is left: the unconsumed bytes, the input offset of the first of them and the
  /// source to read the rest from. The buffer must not be used afterwards.
  func detach() -> (pending: [UInt8], offset: Int, source: any ByteSource) {
    let pending = Array(UnsafeBufferPointer(start: base + start, count: end - start))
    let offset = origin + start
    start = end
    return (pending, offset, source)
  }

  /// Discards bytes up to and including the next line feed, or to the end of input; returns whether
  /// a line feed was found.
  func skipLine() throws(DataError) -> Bool {
    while true {
      if start < end, let found = memchr(base + start, 0x0A, end - start) {
        start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        return true
      }
      start = end
      if try !fill() { return false }
    }
  }
}
