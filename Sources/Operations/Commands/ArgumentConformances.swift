import ArgumentParser
import Model

extension Distance: ExpressibleByArgument {}
extension StorageMode: ExpressibleByArgument {}
extension PayloadIndexType: ExpressibleByArgument {}
