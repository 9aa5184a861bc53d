//! The string type of the document model.

/// A short text held inline up to 24 bytes (most names, codes, units and
/// values of a 绩效目标表): a big table holds millions of them, each a
/// separate allocation as a `String`. Serialized as a string.
pub type Text = compact_str::CompactString;

#[cfg(test)]
mod tests {
    use super::Text;

    /// Names, codes, units and values as a 绩效目标表 prints them fit inline
    /// (no allocation each); a `String` in their place made a 25 MB page's
    /// conversion peak at 207 MB instead of 178 MB.
    #[test]
    fn typical_texts_are_inline() {
        for t in [
            "产出指标",
            "11",
            "数量指标",
            "完成数量",
            "≥95%",
            "个",
            "total",
            "fiscal_special",
        ] {
            assert!(!Text::from(t).is_heap_allocated(), "{t}");
        }
        assert_eq!(std::mem::size_of::<Text>(), std::mem::size_of::<String>());
        let json = serde_json::to_string(&Text::from("项目")).unwrap_or_default();
        assert_eq!(json, "\"项目\"", "serialized as a plain string");
    }
}
