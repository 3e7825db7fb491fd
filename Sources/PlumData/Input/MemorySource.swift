/// A byte source over bytes already in memory; it can hand them out in small pieces to mimic a
/// pipe or test chunk boundaries.
public struct MemorySource: ByteSource, Sendable {
  /// The bytes served.
  public let bytes: [UInt8]
  /// The most bytes one `read` returns.
  public let maximumReadSize: Int
  private var offset = 0

  /// Creates a source over `bytes` that returns at most `maximumReadSize` bytes per read.
  public init(_ bytes: [UInt8], maximumReadSize: Int = Int.max) {
    self.bytes = bytes
    self.maximumReadSize = max(1, maximumReadSize)
  }

  /// Creates a source over the UTF-8 bytes of `text`.
  public init(text: String, maximumReadSize: Int = Int.max) {
    self.init(Array(text.utf8), maximumReadSize: maximumReadSize)
  }

  /// Copies the next bytes into `buffer`.
  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    let count = min(buffer.count, maximumReadSize, bytes.count - offset)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
      to.copyMemory(from: from + offset, byteCount: count)
    }
    offset += count
    return count
  }

  /// Moves to `offset`, which must lie within the bytes.
  public mutating func rewind(toOffset offset: Int) -> Bool {
    guard (0...bytes.count).contains(offset) else { return false }
    self.offset = offset
    return true
  }
}
