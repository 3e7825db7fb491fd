/// Receives every decision the server writes, exactly as sent: the place a decision log plugs in.
///
/// Each worker gets its own sink (made by the factory given to `DecisionService`), called on the
/// worker's thread after a request's records are decided and before its response is sent; a sink
/// that writes to a shared file must serialize its lines itself (whole lines, never interleaved).
///
/// A budget pacer belongs beside it: a per-worker check between selection and the decision line
/// that may withhold a reward once the period's budget is spent.
public protocol DecisionSink: AnyObject {
  /// Takes the decision (or error) lines of one request for `policy`, one JSON object per line.
  func write(lines: UnsafeRawBufferPointer, policy: PolicySnapshot)
}
