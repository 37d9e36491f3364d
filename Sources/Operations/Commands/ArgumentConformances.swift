import ArgumentParser
import VectorEngine
import Model

extension Distance: ExpressibleByArgument {}
extension StorageMode: ExpressibleByArgument {}
extension PayloadIndexType: ExpressibleByArgument {}
