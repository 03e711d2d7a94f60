extension String {
    /// The string followed by spaces up to `width` characters, for table columns.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
