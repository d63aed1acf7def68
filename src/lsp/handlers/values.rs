//! Short human forms of texts and counts for hovers, hints, lenses and symbols (a
//! figure's value form is [`crate::figures::describe_value`], shared with the CLI).

/// At most `max` characters of `s` on one line, with "…" when cut.
pub fn short(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// "1 mention", "3 mentions".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_on_one_line() {
        assert_eq!(short("a  b\nc", 10), "a b c");
        assert_eq!(short("abcdefghijkl", 5), "abcd…");
        assert_eq!(short("ééééééé", 3), "éé…");
    }
}
