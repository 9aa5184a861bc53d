//! Text folding before matching titles and header labels: the same words
//! print with full-width brackets, letter-spacing and CJK radical code
//! points (⻔ for 门) depending on the tool that made the PDF.

/// Whitespace removed, full-width ASCII folded, radicals mapped, brackets
/// folded to ASCII.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '⻔' => '门',
            '⻋' => '车',
            '⻅' => '见',
            '⻓' => '长',
            '⾦' => '金',
            '⽀' => '支',
            '⼊' => '入',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn folds_spacing_brackets_and_radicals() {
        assert_eq!(super::fold("合  计"), "合计");
        assert_eq!(super::fold("因公出国（境）费"), "因公出国(境)费");
        assert_eq!(super::fold("部⻔预算"), "部门预算");
        assert_eq!(super::fold("２０１７"), "2017");
    }
}
