import PlumDiagnostics

/// Reads CSV records (RFC 4180, with a header row) into typed rows, one outcome per record.
///
/// The header maps columns to fields by name: a field's dotted path is its column's header
/// (`consent.marketing`). Unknown columns are ignored; a field without a column (even an optional
/// one, whose values may still be empty) or a field named twice is a file-level error. An empty unquoted field is a missing value; a quoted
/// empty field (`""`) is an empty string for a string field and missing for any other type.
/// Blank lines are skipped; a UTF-8 byte order mark is ignored.
public final class CSVReader: RecordReader {
  /// The schema rows are filled for.
  public let schema: RecordSchema
  /// The header's column names, in file order.
  public let columns: [String]
  private let input: InputBuffer
  private let decoder: FieldDecoder
  private let options: ReaderOptions
  private let splitter = CSVSplitter()
  /// For each header column, the index of the field it fills, or -1.
  private let columnFields: [Int]
  /// The column of the key field, if the schema has a key.
  private let keyColumn: Int?
  /// Fields that must have a value.
  private let requiredFields: [Int]
  /// The 1-based line number of the next unread byte.
  private var line = 1
  /// Where quoted fields with doubled quotes are collapsed.
  private var scratch: [UInt8] = []
  /// Whether a quoted field ran to the end of the input.
  private(set) var reachedEndInsideQuotes = false
  /// Whether a record was longer than `maximumRecordSize`.
  private(set) var skippedOversizedRecord = false

  /// Opens a CSV input and reads its header row.
  /// - Parameters:
  ///   - schema: the fields to read.
  ///   - source: where the bytes come from.
  ///   - options: chunk and record size limits.
  /// - Throws: `DataError` when the header is absent or malformed, fields have no column, a field
  ///   has two, or reading fails.
  public init(schema: RecordSchema, source: any ByteSource, options: ReaderOptions = ReaderOptions())
    throws(DataError)
  {
    self.schema = schema
    self.options = options
    input = InputBuffer(source: source, chunkSize: options.chunkSize, streaming: options.streaming)
    decoder = FieldDecoder(schema: schema)
    requiredFields = schema.fields.indices.filter { !schema.fields[$0].isOptional }
    let header = try Self.readHeader(input: input, splitter: splitter, line: &line, options: options)
    columns = header
    var fieldByPath: [String: Int] = [:]
    for (index, field) in schema.fields.enumerated() { fieldByPath[field.path] = index }
    var columns: [Int] = []
    var covered = Array(repeating: false, count: schema.fields.count)
    for name in header {
      guard let field = fieldByPath[name] else {
        columns.append(-1)
        continue
      }
      if covered[field] { throw .duplicateColumn(name: name) }
      covered[field] = true
      columns.append(field)
    }
    let missing = schema.fields.indices.filter { !covered[$0] && !schema.fields[$0].isColumnOptional }
    if !missing.isEmpty {
      let unused = header.filter { fieldByPath[$0] == nil }
      throw .missingColumns(
        missing.map { field in
          let path = schema.fields[field].path
          return MissingColumn(field: path, suggestion: closestName(to: path, among: unused))
        })
    }
    columnFields = columns
    keyColumn = schema.keyField.flatMap { key in columns.firstIndex(of: key) }
  }

  /// A reader that continues an input after its header: the records in `source` start at line
  /// `line` and have `layout`'s columns.
  init(schema: RecordSchema, layout: CSVLayout, source: any ByteSource, line: Int, options: ReaderOptions) {
    self.schema = schema
    self.options = options
    input = InputBuffer(source: source, chunkSize: options.chunkSize, streaming: options.streaming)
    decoder = FieldDecoder(schema: schema)
    requiredFields = schema.fields.indices.filter { !schema.fields[$0].isOptional }
    columns = layout.columns
    columnFields = layout.columnFields
    keyColumn = layout.keyColumn
    self.line = line
  }

  /// Opens the CSV file at `path` and reads its header row.
  /// - Throws: `DataError` when the file cannot be opened or its header is unusable.
  public convenience init(schema: RecordSchema, path: String, options: ReaderOptions = ReaderOptions())
    throws(DataError)
  {
    try self.init(schema: schema, source: FileDescriptorSource.open(path: path), options: options)
  }

  /// Reads the next record into `row`; see `RecordReader.next(into:)`.
  public func next(into row: inout RecordRow) throws(DataError) -> ReadStatus? {
    while true {
      if input.pendingCount == 0 {
        if try !input.fill() { return nil }
        continue
      }
      // The splitter never sees more than the largest record and its line ending.
      let window = input.window(limit: options.maximumRecordSize)
      let result = splitter.split(input.base, from: input.start, to: window.end, isAtEnd: window.isAtEnd)
      switch result {
      case .needMore:
        if window.isFull { return try skipOversizedRecord(row: &row) }
        try input.fill()
      case .blank(let next):
        input.start = next
        line += 1
      case .record(let next, let fieldCount, let newlines, let strayQuoteField):
        if input.contentLength(from: input.start, to: next) > options.maximumRecordSize {
          return try skipOversizedRecord(row: &row)
        }
        if fieldCount != columnFields.count || strayQuoteField >= 0,
          let cut = firstQuotedLineFeed(fieldCount: fieldCount, openField: nil)
        {
          let reason =
            fieldCount != columnFields.count
            ? "the record would have \(fieldCount) fields, expected \(columnFields.count)"
            : "text follows its closing quote"
          return try recoverStrayQuote(
            at: cut, fieldCount: fieldCount, message: "quoted field spans lines and \(reason)", row: &row)
        }
        let recordLine = line
        line += newlines
        let status = try decodeRecord(
          fieldCount: fieldCount, strayQuoteField: strayQuoteField, line: recordLine, row: &row)
        input.start = next
        return status
      case .unterminated(let fieldCount, let quoteOffset):
        reachedEndInsideQuotes = true
        if let cut = firstQuotedLineFeed(fieldCount: fieldCount, openField: quoteOffset + 1) {
          return try recoverStrayQuote(
            at: cut, fieldCount: fieldCount, message: "unterminated quoted field", row: &row)
        }
        // The quote opened on the last line: the rest of the input is this one record, reported as
        // too long when it is, as a read in smaller pieces finds it before it sees the end.
        if input.contentLength(from: input.start, to: input.end) > options.maximumRecordSize {
          return try skipOversizedRecord(row: &row)
        }
        let field = fieldCount < columnFields.count ? columnFields[fieldCount] : nil
        let status = try failRecord(
          fieldCount: fieldCount, keyBefore: input.end, code: .malformed,
          message: "unterminated quoted field", field: field, row: &row)
        input.start = input.end
        return status
      }
    }
  }

  // MARK: Records

  /// A problem that fails the current record.
  private struct Problem {
    var code: RecordErrorCode
    var message: String
    /// The field at fault, if any.
    var field: Int?
  }

  private func decodeRecord(fieldCount: Int, strayQuoteField: Int, line: Int, row: inout RecordRow)
    throws(DataError) -> ReadStatus
  {
    row.line = line
    let problem = try row.withStorage { (storage) throws(DataError) in
      decodeFields(fieldCount: fieldCount, strayQuoteField: strayQuoteField, storage: storage)
    }
    guard let problem else { return .record }
    return failure(code: problem.code, message: problem.message, field: problem.field, line: line, row: row)
  }

  private func decodeFields(fieldCount: Int, strayQuoteField: Int, storage: RowStorage) -> Problem? {
    storage.clearPresence()
    let columnCount = columnFields.count
    if fieldCount != columnCount {
      // The columns no longer line up with the header, so the key column may hold any other
      // field's text (a pii one included): such a record is named by its line alone.
      let message = "expected \(columnCount) \(columnCount == 1 ? "field" : "fields"), found \(fieldCount)"
      return Problem(code: .fieldCount, message: message, field: nil)
    }
    if strayQuoteField >= 0 {
      decodeKey(fieldCount: fieldCount, storage: storage)
      let field = columnFields[strayQuoteField]
      return Problem(code: .malformed, message: "unexpected text after a closing quote", field: field)
    }
    var first: Problem?
    let spans = splitter.spans
    for column in 0..<columnCount {
      let field = columnFields[column]
      if field < 0 { continue }
      if let failure = decodeField(span: spans[column], field: field, storage: storage), first == nil {
        first = Problem(code: failure.code, message: failure.message, field: field)
      }
    }
    if first != nil { return first }
    for field in requiredFields where !storage.present[field] {
      return Problem(code: .missingValue, message: "missing required value", field: field)
    }
    return nil
  }

  /// Converts one column's text into its field, leaving the field absent when the text is empty.
  @inline(__always)
  private func decodeField(span: CSVSplitter.Span, field: Int, storage: RowStorage) -> FieldFailure? {
    if span.start == span.end {
      guard span.isQuoted, case .string = decoder.kinds[field] else { return nil }
    }
    let base = input.base
    if !span.hasEscapes {
      let text = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
      return decoder.decode(text: text, field: field, origin: .csv, into: storage)
    }
    scratch.removeAll(keepingCapacity: true)
    var index = span.start
    while index < span.end {
      scratch.append(base[index])
      index += base[index] == UInt8(ascii: "\"") ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { text in
      decoder.decode(text: text, field: field, origin: .csv, into: storage)
    }
  }

  /// Reads the key field alone, so that a record failing as a whole can still be named.
  private func decodeKey(fieldCount: Int, storage: RowStorage) {
    guard let keyColumn, keyColumn < fieldCount else { return }
    _ = decodeField(span: splitter.spans[keyColumn], field: columnFields[keyColumn], storage: storage)
  }

  private func failure(code: RecordErrorCode, message: String, field: Int?, line: Int, row: RecordRow)
    -> ReadStatus
  {
    let key = schema.keyField.flatMap { row.text(ofField: $0, in: schema) }
    let path = field.flatMap { $0 >= 0 ? schema.fields[$0].path : nil }
    return .failure(RecordError(line: line, key: key, field: path, code: code, message: message))
  }

  // MARK: Recovery

  /// Fails the record at the current position, naming it by its key when the key field lies before
  /// `keyBefore`.
  private func failRecord(
    fieldCount: Int, keyBefore limit: Int, code: RecordErrorCode, message: String, field: Int?,
    row: inout RecordRow
  ) throws(DataError) -> ReadStatus {
    let recordLine = line
    row.line = recordLine
    try row.withStorage { (storage) throws(DataError) in
      storage.clearPresence()
      if let keyColumn, keyColumn < fieldCount, splitter.spans[keyColumn].end < limit {
        decodeKey(fieldCount: fieldCount, storage: storage)
      }
    }
    return failure(code: code, message: message, field: field, line: recordLine, row: row)
  }

  /// The first line feed inside a quoted field of the record just split, with that field's column:
  /// the end of the line where the quote opened. `openField` is where an unterminated quoted field,
  /// the `fieldCount`-th, begins.
  private func firstQuotedLineFeed(fieldCount: Int, openField: Int?) -> (offset: Int, column: Int)? {
    for column in 0..<fieldCount {
      let span = splitter.spans[column]
      guard span.isQuoted else { continue }
      if let offset = input.firstLineFeed(from: span.start, to: span.end) { return (offset, column) }
    }
    if let openField, let offset = input.firstLineFeed(from: openField, to: input.end) {
      return (offset, fieldCount)
    }
    return nil
  }

  /// Takes a record whose quoted field spans lines but does not fit as a stray quote: its first
  /// line alone is the malformed record, and reading resumes at the next line.
  private func recoverStrayQuote(
    at cut: (offset: Int, column: Int), fieldCount: Int, message: String, row: inout RecordRow
  ) throws(DataError) -> ReadStatus {
    let field = cut.column < columnFields.count ? columnFields[cut.column] : nil
    let status = try failRecord(
      fieldCount: fieldCount, keyBefore: cut.offset, code: .malformed, message: message, field: field,
      row: &row)
    line += 1
    input.start = cut.offset + 1
    return status
  }

  /// Handles a record longer than `maximumRecordSize` without buffering it: follows it to its
  /// end. When it fits the header it is skipped whole; when a quoted field spans lines and the
  /// record does not fit, the quote is taken as stray and reading resumes at the line after it,
  /// as for a shorter record (a pipe cannot be read again: there the lines are skipped and named).
  private func skipOversizedRecord(row: inout RecordRow) throws(DataError) -> ReadStatus {
    skippedOversizedRecord = true
    let recordLine = line
    row.line = recordLine
    for field in row.present.indices { row.present[field] = false }
    var skipper = CSVRecordSkipper()
    var ended = false
    while !ended {
      if let next = skipper.follow(input.base, from: input.start, to: input.end, origin: input.origin) {
        input.start = next
        ended = true
      } else {
        input.start = input.end
        if try !input.fill() { break }
      }
    }
    let fits = !skipper.endsInsideQuotes && !skipper.hasStrayText && skipper.fieldCount == columnFields.count
    guard !fits, let cut = skipper.firstQuotedLineFeed else {
      line += skipper.lineFeeds
      return failure(
        code: .malformed, message: "record is longer than \(options.maximumRecordSize) bytes", field: nil,
        line: recordLine, row: row)
    }
    let field = cut.field < columnFields.count ? columnFields[cut.field] : -1
    var message =
      skipper.endsInsideQuotes
      ? "unterminated quoted field"
      : "quoted field spans lines and the record does not fit the header"
    if input.rewind(toOffset: cut.offset + 1) {
      line = recordLine + 1
    } else {
      line = recordLine + skipper.lineFeeds
      let last = line - (ended ? 1 : 0)
      message += "; the input cannot be read again, so lines \(recordLine + 1)-\(last) were skipped"
    }
    return failure(code: .malformed, message: message, field: field, line: recordLine, row: row)
  }

  // MARK: Header

  private static func readHeader(
    input: InputBuffer, splitter: CSVSplitter, line: inout Int, options: ReaderOptions
  ) throws(DataError) -> [String] {
    while input.pendingCount < 3 {
      if try !input.fill() { break }
    }
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    if input.pendingCount >= 3 && (0..<3).allSatisfy({ input.base[input.start + $0] == bom[$0] }) {
      input.start += 3
    }
    while true {
      if input.pendingCount == 0 {
        if try !input.fill() { throw .missingHeader }
        continue
      }
      let window = input.window(limit: options.maximumRecordSize)
      let tooLong = DataError.malformedHeader(reason: "longer than \(options.maximumRecordSize) bytes")
      switch splitter.split(input.base, from: input.start, to: window.end, isAtEnd: window.isAtEnd) {
      case .needMore:
        if window.isFull { throw tooLong }
        try input.fill()
      case .blank(let next):
        input.start = next
        line += 1
      case .unterminated:
        throw .malformedHeader(reason: "unterminated quoted field")
      case .record(let next, let fieldCount, let newlines, let strayQuoteField):
        if input.contentLength(from: input.start, to: next) > options.maximumRecordSize { throw tooLong }
        if strayQuoteField >= 0 { throw .malformedHeader(reason: "unexpected text after a closing quote") }
        var names: [String] = []
        for span in UnsafeBufferPointer(start: splitter.spans, count: fieldCount) {
          var bytes: [UInt8] = []
          var index = span.start
          while index < span.end {
            bytes.append(input.base[index])
            index += span.hasEscapes && input.base[index] == UInt8(ascii: "\"") ? 2 : 1
          }
          let valid = bytes.withUnsafeBufferPointer { UTF8Text.isValid($0) }
          if !valid { throw .malformedHeader(reason: "text is not valid UTF-8") }
          names.append(String(decoding: bytes, as: UTF8.self))
        }
        line += newlines
        input.start = next
        return names
      }
    }
  }
}

/// What a CSV header decided: the columns and the field each fills, for readers of later parts of
/// the same input.
struct CSVLayout: Hashable, Sendable {
  var columns: [String]
  var columnFields: [Int]
  var keyColumn: Int?
}

extension CSVReader: ChunkedRecordReader {
  /// Hands over the input after the header; see `ChunkedRecordReader`.
  public func detachRemainder() -> InputRemainder {
    let (pending, offset, source) = input.detach()
    return InputRemainder(pending: pending, offset: offset, source: source, line: line, atStart: false)
  }

  /// How chunks of this input are read.
  public var chunkFormat: RecordChunkFormat {
    RecordChunkFormat(
      kind: .csv(CSVLayout(columns: columns, columnFields: columnFields, keyColumn: keyColumn)),
      schema: schema,
      options: options)
  }

  /// See `ChunkedRecordReader`.
  public var chunkEnding: ChunkEnding {
    skippedOversizedRecord ? .oversized : reachedEndInsideQuotes ? .insideRecord : .clean
  }
}
