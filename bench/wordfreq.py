# Measures string building and dict counting: generate text from an LCG, split it, count word frequencies in a dict, build strings with join/f-strings/slicing.

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "pu", "qua", "xo", "be", "dra", "fin", "gor"]


def generate_text(nwords, seed):
    x = seed
    words = []
    for _ in range(nwords):
        x = (x * 1103515245 + 12345) % 2147483648
        nsyl = 1 + (x >> 16) % 3
        parts = []
        y = x >> 12
        for _ in range(nsyl):
            parts.append(SYLLABLES[y % 16])
            y //= 16
        word = "".join(parts)
        if (x >> 5) % 11 == 0:
            word = word.capitalize()
        words.append(word)
        if (x >> 9) % 13 == 0:
            words.append("\n")
    return " ".join(words)


def count_words(text):
    counts = {}
    for line in text.split("\n"):
        for word in line.split():
            w = word.lower()
            counts[w] = counts.get(w, 0) + 1
    return counts


def report(counts):
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    out = []
    for word, n in items[:5]:
        out.append(f"{word:>12}: {n}")
    return "\n".join(out)


def main():
    text = generate_text(700000, 42)
    counts = count_words(text)
    rep = report(counts)
    print(rep)
    letters = {}
    for ch in text[:200000]:
        if ch != " " and ch != "\n":
            letters[ch] = letters.get(ch, 0) + 1
    pieces = []
    for w in sorted(counts):
        pieces.append(w[::-1].upper()[:3])
    joined = "-".join(pieces)
    total = 0
    for i, ch in enumerate(joined):
        total = (total * 31 + ord(ch) + i) % 1000000007
    print("distinct", len(counts), "chars", len(text), "letters", sorted(letters.items())[:5])
    print("wordfreq checksum", (total + sum(counts.values()) * 7 + len(rep)) % 1000000007)


main()
