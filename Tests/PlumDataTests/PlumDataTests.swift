import Testing

@testable import PlumData
