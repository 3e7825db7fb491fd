import Testing

@testable import PlumModels
