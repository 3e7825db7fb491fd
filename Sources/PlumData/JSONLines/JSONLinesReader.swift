#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads JSON Lines records (one JSON object per line) into typed rows, one outcome per record.
///
/// Nested objects map to dotted paths (`{"consent": {"marketing": true}}` fills
/// `consent.marketing`). Unknown keys are ignored whatever their value; a repeated key is an error;
/// `null` or an absent key is a missing value. Blank lines are skipped; a UTF-8 byte order mark at
/// the start is ignored.
public final class JSONLinesReader: RecordReader {
  /// The schema rows are filled for.
  public let schema: RecordSchema
  let input: InputBuffer
  let decoder: FieldDecoder
  let tree: JSONKeyTree
  private let options: ReaderOptions
  private let requiredFields: [Int]
  /// The 1-based line number of the next unread line.
  private var line = 1
  /// Whether the start of the input has been looked at for a byte order mark.
  private var checkedByteOrderMark = false
  /// `fieldStamps[f] == stamp` when field `f`'s key was seen in the current record; likewise for
  /// nested objects' nodes. Stamps avoid clearing per record.
  let fieldStamps: UnsafeMutablePointer<UInt32>
  let nodeStamps: UnsafeMutablePointer<UInt32>
  var stamp: UInt32 = 0
  /// Where strings with escapes are decoded.
  var scratch: [UInt8] = []
  /// Keys seen in the current record that are not in the schema, as (node, start, count) in
  /// `unknownKeyBytes`, to detect their repetition.
  var unknownKeys: [(node: Int, start: Int, count: Int)] = []
  var unknownKeyBytes: [UInt8] = []
  /// Open containers while skipping a value.
  var skipStack: [UInt8] = []
  /// The first problem found in the current record that does not stop parsing.
  var firstFailure: (path: String?, failure: FieldFailure)?

  /// Opens a JSON Lines input.
  /// - Parameters:
  ///   - schema: the fields to read.
  ///   - source: where the bytes come from.
  ///   - options: chunk and record size limits.
  public init(schema: RecordSchema, source: any ByteSource, options: ReaderOptions = ReaderOptions()) {
    self.schema = schema
    self.options = options
    input = InputBuffer(source: source, chunkSize: options.chunkSize, streaming: options.streaming)
    decoder = FieldDecoder(schema: schema)
    tree = JSONKeyTree(schema: schema)
    requiredFields = schema.fields.indices.filter { !schema.fields[$0].isOptional }
    fieldStamps = .allocate(capacity: max(1, schema.fields.count))
    fieldStamps.initialize(repeating: 0, count: max(1, schema.fields.count))
    nodeStamps = .allocate(capacity: max(1, tree.nodeRanges.count))
    nodeStamps.initialize(repeating: 0, count: max(1, tree.nodeRanges.count))
  }

  /// A reader that continues an input: the records in `source` start at line `line`, and a byte
  /// order mark is skipped only when `atStart`.
  convenience init(
    schema: RecordSchema, source: any ByteSource, options: ReaderOptions, line: Int, atStart: Bool
  ) {
    self.init(schema: schema, source: source, options: options)
    self.line = line
    checkedByteOrderMark = !atStart
  }

  /// Opens the JSON Lines file at `path`.
  /// - Throws: `DataError.cannotOpen` when the file cannot be opened.
  public convenience init(schema: RecordSchema, path: String, options: ReaderOptions = ReaderOptions())
    throws(DataError)
  {
    self.init(schema: schema, source: try FileDescriptorSource.open(path: path), options: options)
  }

  deinit {
    fieldStamps.deallocate()
    nodeStamps.deallocate()
  }

  /// Reads the next record into `row`; see `RecordReader.next(into:)`.
  public func next(into row: inout RecordRow) throws(DataError) -> ReadStatus? {
    if !checkedByteOrderMark { try skipByteOrderMark() }
    while true {
      if input.pendingCount == 0 {
        if try !input.fill() { return nil }
        continue
      }
      let base = input.base
      let start = input.start
      // A line is looked for no further than the largest record and its line ending.
      let window = input.window(limit: options.maximumRecordSize)
      let lineEnd: Int
      let next: Int
      if let found = input.firstLineFeed(from: start, to: window.end) {
        lineEnd = found
        next = lineEnd + 1
      } else if window.isFull {
        return try skipOversizedLine(row: &row)
      } else if window.isAtEnd {
        lineEnd = input.end
        next = input.end
      } else {
        try input.fill()
        continue
      }
      let recordLine = line
      line += 1
      if input.contentLength(from: start, to: next) > options.maximumRecordSize {
        input.start = next
        return oversized(line: recordLine, row: &row)
      }
      if Self.isBlank(base, from: start, to: lineEnd) {
        input.start = next
        continue
      }
      let status = try parseRecord(base, from: start, to: lineEnd, line: recordLine, row: &row)
      input.start = next
      return status
    }
  }

  /// Skips a UTF-8 byte order mark at the very start of the input, as the CSV reader does.
  private func skipByteOrderMark() throws(DataError) {
    checkedByteOrderMark = true
    while input.pendingCount < 3 {
      if try !input.fill() { break }
    }
    let base = input.base
    let start = input.start
    if input.pendingCount >= 3 && base[start] == 0xEF && base[start + 1] == 0xBB && base[start + 2] == 0xBF {
      input.start += 3
    }
  }

  private static func isBlank(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
    var index = start
    while index < end && isWhitespace(bytes[index]) { index += 1 }
    return index == end
  }

  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }

  // MARK: Records

  func parseRecord(
    _ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, line: Int, row: inout RecordRow
  ) throws(DataError) -> ReadStatus {
    row.line = line
    stamp &+= 1
    if stamp == 0 {
      fieldStamps.update(repeating: 0, count: max(1, schema.fields.count))
      nodeStamps.update(repeating: 0, count: max(1, tree.nodeRanges.count))
      stamp = 1
    }
    firstFailure = nil
    if !unknownKeys.isEmpty {
      unknownKeys.removeAll(keepingCapacity: true)
      unknownKeyBytes.removeAll(keepingCapacity: true)
    }
    let syntaxError = try row.withStorage { (storage) throws(DataError) -> JSONSyntaxError? in
      storage.clearPresence()
      var p = start
      do throws(JSONSyntaxError) {
        skipWhitespace(bytes, &p, end)
        guard p < end && bytes[p] == UInt8(ascii: "{") else {
          throw JSONSyntaxError(message: "expected `{` at the start of the record", offset: p)
        }
        try parseObject(bytes, &p, end, node: 0, row: storage)
        skipWhitespace(bytes, &p, end)
        if p != end { throw JSONSyntaxError(message: "unexpected text after the object", offset: p) }
      } catch {
        return error
      }
      return nil
    }
    if let syntaxError {
      let message = "malformed JSON at column \(syntaxError.offset - start + 1): \(syntaxError.message)"
      return failure(code: .malformed, message: message, path: nil, line: line, row: row)
    }
    if let firstFailure {
      return failure(
        code: firstFailure.failure.code, message: firstFailure.failure.message, path: firstFailure.path,
        line: line, row: row)
    }
    for field in requiredFields where !row.present[field] {
      return failure(
        code: .missingValue, message: "missing required value", path: schema.fields[field].path, line: line,
        row: row)
    }
    return .record
  }

  /// Keeps the first of a record's problems that do not stop parsing.
  func note(_ failure: FieldFailure, path: String?) {
    if firstFailure == nil { firstFailure = (path, failure) }
  }

  private func failure(code: RecordErrorCode, message: String, path: String?, line: Int, row: RecordRow)
    -> ReadStatus
  {
    let key = schema.keyField.flatMap { row.text(ofField: $0, in: schema) }
    return .failure(RecordError(line: line, key: key, field: path, code: code, message: message))
  }

  /// Reports a line longer than `maximumRecordSize` and discards it without buffering it whole.
  private func skipOversizedLine(row: inout RecordRow) throws(DataError) -> ReadStatus {
    let recordLine = line
    line += 1
    _ = try input.skipLine()
    return oversized(line: recordLine, row: &row)
  }

  /// The failure of a line longer than `maximumRecordSize`.
  private func oversized(line: Int, row: inout RecordRow) -> ReadStatus {
    row.line = line
    for field in row.present.indices { row.present[field] = false }
    return failure(
      code: .malformed, message: "record is longer than \(options.maximumRecordSize) bytes", path: nil,
      line: line, row: row)
  }
}

/// A JSON syntax error that ends the parsing of a line.
struct JSONSyntaxError: Error {
  /// What was expected or found.
  var message: String
  /// The byte offset in the window where it was found.
  var offset: Int
}

extension JSONLinesReader: ChunkedRecordReader {
  /// Hands over the input not read yet; see `ChunkedRecordReader`.
  public func detachRemainder() -> InputRemainder {
    let (pending, offset, source) = input.detach()
    return InputRemainder(
      pending: pending, offset: offset, source: source, line: line, atStart: !checkedByteOrderMark)
  }

  /// How chunks of this input are read.
  public var chunkFormat: RecordChunkFormat {
    RecordChunkFormat(kind: .jsonLines, schema: schema, options: options)
  }

  /// Always `.clean`: a record is one line, and chunks end at line feeds.
  public var chunkEnding: ChunkEnding { .clean }
}
