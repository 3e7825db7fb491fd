/// A reader whose input can be handed over and read in chunks on other threads, each chunk by a
/// reader of its own that continues the input as this one would.
///
/// Chunks end at line feeds. A JSON Lines record is one line, so any such chunk holds whole records;
/// a CSV record may span lines inside quotes, so a chunk's reader says (`chunkEnding`) whether a
/// record may have gone on past its end, and then the chunk must be read again with what follows.
public protocol ChunkedRecordReader: RecordReader {
  /// Hands over everything this reader has not read; the reader must not be used afterwards.
  func detachRemainder() -> InputRemainder

  /// How readers of chunks of this input are made.
  var chunkFormat: RecordChunkFormat { get }

  /// Whether the records read so far could depend on input after this reader's end.
  var chunkEnding: ChunkEnding { get }
}

/// How a chunk's reader ended.
public enum ChunkEnding: Hashable, Sendable {
  /// Every record ended before the end of the input.
  case clean
  /// The last record ran to the end of the input (a quoted CSV field never closed): in a longer
  /// input it might go on.
  case insideRecord
  /// A record was longer than the reader's limit, which is followed past the end of the chunk.
  case oversized
}

/// The part of an input a reader has not read yet.
public struct InputRemainder {
  /// Bytes already taken from the source but not read.
  public var pending: [UInt8]
  /// The source's offset of the first pending byte (see `ByteSource.rewind(toOffset:)`).
  public var offset: Int
  /// Where the bytes after `pending` come from.
  public var source: any ByteSource
  /// The 1-based line number of the first pending byte.
  public var line: Int
  /// Whether the pending bytes start the input (so a byte order mark may start them).
  public var atStart: Bool

  /// Creates a remainder.
  public init(pending: [UInt8], offset: Int, source: any ByteSource, line: Int, atStart: Bool) {
    self.pending = pending
    self.offset = offset
    self.source = source
    self.line = line
    self.atStart = atStart
  }
}

/// The format of an input's records and the reader settings, to make readers of its chunks.
public struct RecordChunkFormat: Sendable {
  enum Kind: Hashable, Sendable {
    case csv(CSVLayout)
    case jsonLines
  }

  let kind: Kind
  /// The schema rows are filled for.
  public let schema: RecordSchema
  /// The original reader's settings.
  public let options: ReaderOptions

  /// A reader of records from `source`, which continues the input at line `line`; `atStart` when
  /// it is the input's beginning. `chunkSize`, if given, replaces the reading block size.
  public func reader(over source: any ByteSource, line: Int, atStart: Bool, chunkSize: Int? = nil)
    -> any ChunkedRecordReader
  {
    var options = options
    if let chunkSize { options.chunkSize = max(1, chunkSize) }
    switch kind {
    case .csv(let layout):
      return CSVReader(schema: schema, layout: layout, source: source, line: line, options: options)
    case .jsonLines:
      return JSONLinesReader(schema: schema, source: source, options: options, line: line, atStart: atStart)
    }
  }
}

/// A source that serves some byte arrays in turn, then another source: the input from some offset
/// on, when what came before it was read in chunks.
public struct ChainedSource: ByteSource {
  private var pieces: [[UInt8]]
  private var piece = 0
  private var position = 0
  private var rest: any ByteSource
  /// The offset in `rest`'s terms of this source's first byte.
  private let base: Int

  /// Serves `pieces` and then `rest`, whose offset of the first piece's first byte is `base`.
  public init(pieces: [[UInt8]], then rest: any ByteSource, base: Int) {
    self.pieces = pieces
    self.rest = rest
    self.base = base
  }

  /// Copies the next bytes into `buffer`.
  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    while piece < pieces.count {
      let available = pieces[piece].count - position
      if available == 0 {
        piece += 1
        position = 0
        continue
      }
      let count = min(available, buffer.count)
      guard count > 0, let to = buffer.baseAddress else { return 0 }
      pieces[piece].withUnsafeBytes { from in
        if let start = from.baseAddress { to.copyMemory(from: start + position, byteCount: count) }
      }
      position += count
      return count
    }
    return try rest.read(into: buffer)
  }

  /// Moves `rest` to the offset; the pieces are not served again.
  public mutating func rewind(toOffset offset: Int) -> Bool {
    guard rest.rewind(toOffset: base + offset) else { return false }
    pieces = []
    return true
  }
}

/// A source that fails every read with one error, after the bytes before a failed read.
public struct FailedSource: ByteSource {
  /// The error every read throws.
  public let error: DataError?

  /// A source at its end (no error) or that fails with `error`.
  public init(error: DataError?) { self.error = error }

  /// Throws `error`, or returns 0.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    if let error { throw error }
    return 0
  }
}
