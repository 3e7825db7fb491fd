import Testing

@testable import PlumCLI
