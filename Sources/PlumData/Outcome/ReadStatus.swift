/// What a reader produced for one record: the row was filled, or the record failed.
public enum ReadStatus: Hashable, Sendable {
  /// The row passed to the reader now holds the record.
  case record
  /// The record could not be read; the row's contents are unspecified.
  case failure(RecordError)
}

/// One record's outcome with its own copy of the row, as collected by `RecordReader.readAll()`.
public enum RecordOutcome: Hashable, Sendable {
  /// A record read successfully.
  case row(RecordRow)
  /// A record that could not be read.
  case failure(RecordError)
}
