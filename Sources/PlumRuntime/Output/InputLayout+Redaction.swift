import PlumData

extension InputLayout {
  /// A record error as it may be shown anywhere: without the value of a `pii` field or a `pii` key.
  ///
  /// A reader's message may quote the text of the field at fault (`` `555-0100` is not a valid
  /// int ``); for a `pii` field it becomes the code's summary. A `pii` key is dropped, so the
  /// record is named by its line alone. Every command that shows a record error goes through here.
  public func redacted(_ error: RecordError) -> RecordError {
    var shown = error
    if shown.key != nil, visibleKey == nil { shown.key = nil }
    if let field = error.field, fields.contains(where: { $0.isPII && $0.path == field }) {
      shown.message = "\(error.code.summary) in a pii field (value redacted)"
    }
    return shown
  }
}
