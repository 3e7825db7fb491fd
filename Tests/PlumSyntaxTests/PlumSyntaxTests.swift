import Testing

@testable import PlumSyntax
