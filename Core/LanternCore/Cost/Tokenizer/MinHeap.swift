/// A binary min-heap: `pop()` returns the smallest element first.
struct MinHeap<Element: Comparable> {
    private var elements: [Element] = []

    /// Adds `element`.
    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the smallest element; nil when the heap is empty.
    mutating func pop() -> Element? {
        guard let last = elements.popLast() else { return nil }
        guard let smallest = elements.first else { return last }
        elements[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < elements.count else { break }
            let right = left + 1
            let child = right < elements.count && elements[right] < elements[left] ? right : left
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            parent = child
        }
        return smallest
    }

    /// Empties the heap, keeping its storage for reuse.
    mutating func removeAll() { elements.removeAll(keepingCapacity: true) }
}
