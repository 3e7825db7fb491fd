import Testing

@testable import PlumChecker
