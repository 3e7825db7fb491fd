extension JSONLinesReader {
  /// Reads one record from bytes already in memory, as if it were line `line` of the input: the
  /// same decoding, checks and errors as `next(into:)`, without the reader's own buffer.
  ///
  /// A server reads request bodies this way: one reader per schema, reused for every request.
  /// The bytes may span several lines (a pretty-printed object); they are one record.
  public func read(record bytes: UnsafeBufferPointer<UInt8>, line: Int, into row: inout RecordRow)
    -> ReadStatus
  {
    guard let base = bytes.baseAddress else {
      return .failure(
        RecordError(
          line: line, key: nil, field: nil, code: .malformed,
          message: "malformed JSON at column 1: expected `{` at the start of the record"))
    }
    do {
      return try parseRecord(base, from: 0, to: bytes.count, line: line, row: &row)
    } catch {
      return .failure(
        RecordError(line: line, key: nil, field: nil, code: .malformed, message: error.description))
    }
  }
}
