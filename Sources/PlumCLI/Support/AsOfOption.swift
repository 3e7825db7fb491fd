import PlumDriver

/// The `--as-of` option of every command that evaluates a policy.
enum AsOfOption {
  /// The date in days since 1970-01-01 (today's UTC date when not given); a usage error otherwise.
  static func parse(_ text: String?) throws(UsageError) -> Int64 {
    do {
      return try AsOfDate.parse(text)
    } catch {
      throw UsageError(message: error.description)
    }
  }
}
