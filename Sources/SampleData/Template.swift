/// A sentence template compiled to UTF-8 literal pieces and slots, so rendering is plain byte copying.
struct Template: Sendable {
    enum Slot: UInt8, Sendable {
        case topic, otherTopic, secondary, general, longTail, application, benefit, number, small, field, owner
    }

    enum Piece: Sendable {
        case text([UInt8])
        case slot(Slot)
    }

    let pieces: [Piece]

    /// Compiles `source`, where `{X}` marks a slot (see `Templates`).
    init(_ source: String) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        let bytes = Array(source.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{"), i + 2 < bytes.count, bytes[i + 2] == UInt8(ascii: "}"),
                let slot = Template.slot(for: bytes[i + 1])
            {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = []
                pieces.append(.slot(slot))
                i += 3
            } else {
                literal.append(bytes[i])
                i += 1
            }
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    private static func slot(for letter: UInt8) -> Slot? {
        switch letter {
        case UInt8(ascii: "T"): .topic
        case UInt8(ascii: "U"): .otherTopic
        case UInt8(ascii: "S"): .secondary
        case UInt8(ascii: "G"): .general
        case UInt8(ascii: "L"): .longTail
        case UInt8(ascii: "A"): .application
        case UInt8(ascii: "B"): .benefit
        case UInt8(ascii: "N"): .number
        case UInt8(ascii: "K"): .small
        case UInt8(ascii: "F"): .field
        case UInt8(ascii: "O"): .owner
        default: nil
        }
    }
}
