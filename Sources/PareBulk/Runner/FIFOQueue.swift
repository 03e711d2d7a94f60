/// A first-in, first-out queue over an array that releases each element as soon as it
/// is taken.
///
/// Taken slots are cleared at once (a queued batch of work holds a megabyte of
/// records; keeping it until the whole queue drained would let memory grow with the
/// input) and the array is compacted once most of it is taken.
struct FIFOQueue<Element> {
    private var slots: [Element?] = []
    private var head = 0

    var isEmpty: Bool { head == slots.count }
    var count: Int { slots.count - head }

    mutating func append(_ element: Element) {
        slots.append(element)
    }

    /// The oldest element, without taking it.
    var first: Element? { isEmpty ? nil : slots[head] }

    /// Takes the oldest element.
    mutating func removeFirst() -> Element {
        precondition(!isEmpty, "removeFirst on an empty queue")
        let element = slots[head].take()!
        head += 1
        if head == slots.count {
            slots.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 && head * 2 >= slots.count {
            slots.removeFirst(head)
            head = 0
        }
        return element
    }
}
