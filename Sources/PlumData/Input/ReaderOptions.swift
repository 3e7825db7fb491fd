/// Settings shared by the CSV and JSON Lines readers.
public struct ReaderOptions: Hashable, Sendable {
  /// How many bytes the reader asks its source for at a time, and the buffer's initial size.
  public var chunkSize: Int
  /// The largest record, in bytes and not counting its line ending, that the reader accepts; a
  /// longer one is reported malformed (code P0601) and skipped to its end without being buffered
  /// whole, so memory stays bounded whatever the input.
  public var maximumRecordSize: Int

  /// Creates options; the defaults read 1 MiB at a time and accept records up to 64 MiB.
  public init(chunkSize: Int = 1 << 20, maximumRecordSize: Int = 64 << 20) {
    self.chunkSize = max(1, chunkSize)
    self.maximumRecordSize = max(1, maximumRecordSize)
  }
}
