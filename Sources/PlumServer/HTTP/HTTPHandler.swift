/// Answers requests on one worker; each worker has its own handler, so a handler is used by one
/// thread only and may keep single-threaded state (a decision runner).
public protocol HTTPHandler: AnyObject {
  /// Answers one complete request by calling `writer.send` once.
  ///
  /// `body` is valid only during the call. A handler that sends nothing gets a 500 sent for it.
  func respond(to head: HTTPRequestHead, body: UnsafeBufferPointer<UInt8>, with writer: HTTPResponseWriter)
}
