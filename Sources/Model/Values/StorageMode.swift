/// Where a collection's sealed vectors live at run time.
public enum StorageMode: String, Hashable, CaseIterable {
  /// Read into RAM when the collection opens: fastest searches, most RAM.
  case memory
  /// Memory-mapped from the segment files; the page cache decides what stays in RAM.
  case mmap
}

extension StorageMode: Sendable {}
