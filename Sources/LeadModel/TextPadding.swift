extension String {
    /// The text right-aligned in `width` characters, padded on the left with `pad` (`"7".leftPadded(to: 3, with: "0")` is `007`).
    public func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
