import Testing

@testable import PlumRuntime
