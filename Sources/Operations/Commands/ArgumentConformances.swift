import ArgumentParser
import VectorEngine

extension Distance: ExpressibleByArgument {}
extension StorageMode: ExpressibleByArgument {}
extension PayloadIndexType: ExpressibleByArgument {}
