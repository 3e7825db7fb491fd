/// Where a reader's bytes come from: a file, standard input or memory.
public protocol ByteSource {
  /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 means end of input.
  /// - Throws: `DataError.readFailed` on an I/O error.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int
}
