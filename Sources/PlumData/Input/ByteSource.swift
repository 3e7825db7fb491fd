/// Where a reader's bytes come from: a file, standard input or memory.
public protocol ByteSource {
  /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 means end of input.
  /// - Throws: `DataError.readFailed` on an I/O error.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int

  /// Moves so that the next `read` returns the byte `offset` bytes after the first one this source
  /// ever returned; false when the source cannot go back (a pipe), leaving it where it was.
  ///
  /// Readers use it only to re-read the lines after a stray CSV quote that ran past the record
  /// size limit.
  mutating func rewind(toOffset offset: Int) -> Bool
}

extension ByteSource {
  /// A source that cannot go back, such as a pipe.
  public mutating func rewind(toOffset offset: Int) -> Bool { false }
}
