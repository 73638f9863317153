import LanternPluginSDK

extension Page {
    /// The page `request` names out of a list already in memory (``PageRequest/offset`` saturates, never traps).
    init(slicing all: [Item], request: PageRequest) {
        self.init(items: Array(all.dropFirst(request.offset).prefix(request.limit)), totalItems: all.count, request: request)
    }
}
