/// Settings shared by the CSV and JSON Lines readers.
public struct ReaderOptions: Hashable, Sendable {
  /// How many bytes the reader asks its source for at a time, and the buffer's initial size.
  public var chunkSize: Int
  /// The largest record, in bytes and not counting its line ending, that the reader accepts; a
  /// longer one is reported malformed (code P0601) and skipped to its end without being buffered
  /// whole, so memory stays bounded whatever the input.
  public var maximumRecordSize: Int
  /// Whether a record is handed out as soon as its last byte arrives: each refill of the buffer
  /// takes what one read returns. Off, a refill gathers at least as many bytes as are pending, so
  /// a long record is rescanned fewer times, but a pipe that delivers a line at a time may keep a
  /// complete record waiting for bytes of the next.
  public var streaming: Bool

  /// Creates options; the defaults read 1 MiB at a time, accept records up to 64 MiB, and do not
  /// stream.
  public init(chunkSize: Int = 1 << 20, maximumRecordSize: Int = 64 << 20, streaming: Bool = false) {
    self.chunkSize = max(1, chunkSize)
    self.maximumRecordSize = max(1, maximumRecordSize)
    self.streaming = streaming
  }
}
