/// Standard input can be read once: at most one of a command's paths may be `-`.
enum StandardInputOnce {
  /// Throws the usage error `standard input ('-') given more than once` when two of `paths` are
  /// `-` (a policy read from standard input leaves nothing there for the data).
  static func check(_ paths: [String?]) throws(UsageError) {
    if paths.filter({ $0 == "-" }).count > 1 {
      throw UsageError(message: "standard input ('-') given more than once")
    }
  }
}
