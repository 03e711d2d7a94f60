extension Array where Element == UInt8 {
    /// Makes room for `count` more bytes, keeping growth geometric.
    ///
    /// `reserveCapacity(self.count + n)` allocates exactly what is asked, so calling
    /// it before each of many appends to one output buffer (a batch of records)
    /// copies the whole buffer every time; this doubles instead.
    @inline(__always)
    mutating func reserveAdditional(_ count: Int) {
        let needed = self.count + count
        if needed > capacity { reserveCapacity(Swift.max(needed, capacity * 2)) }
    }
}
