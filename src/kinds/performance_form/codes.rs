//! Codes printed with names: `(433)乌海市…`, `[357]国家…`, `【12】…` before
//! the name, or `宁乡市…（418001）` after it. The printed text is kept; the
//! split is extra.

use super::model::Coded;

const PAIRS: [(char, char); 4] = [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')];

/// The code and the name, when `text` prints a code in brackets at its
/// start or end.
pub fn split(text: &str) -> Option<Coded> {
    let t = text.trim();
    leading(t).or_else(|| trailing(t))
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 24
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && s.chars().any(|c| c.is_ascii_digit())
}

fn leading(t: &str) -> Option<Coded> {
    let (open, close) = PAIRS.iter().find(|(o, _)| t.starts_with(*o))?;
    let rest = t.get(open.len_utf8()..)?;
    let end = rest.find(*close)?;
    let code = rest.get(..end)?.trim();
    let name = rest.get(end + close.len_utf8()..)?.trim();
    (is_code(code) && !name.is_empty()).then(|| Coded {
        code: code.to_string(),
        name: name.to_string(),
    })
}

fn trailing(t: &str) -> Option<Coded> {
    let (open, close) = PAIRS.iter().find(|(_, c)| t.ends_with(*c))?;
    let body = t.get(..t.len() - close.len_utf8())?;
    let start = body.rfind(*open)?;
    let code = body.get(start + open.len_utf8()..)?.trim();
    let name = body.get(..start)?.trim();
    (is_code(code) && !name.is_empty()).then(|| Coded {
        code: code.to_string(),
        name: name.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(t: &str) -> Option<(String, String)> {
        split(t).map(|c| (c.code, c.name))
    }

    #[test]
    fn codes_before_or_after_names() {
        let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            pair("(433)乌海市商贸流通服务中心"),
            p("433", "乌海市商贸流通服务中心")
        );
        assert_eq!(pair("[357]国家重点项目"), p("357", "国家重点项目"));
        assert_eq!(
            pair("宁乡市坝塘镇人民政府（418001）"),
            p("418001", "宁乡市坝塘镇人民政府")
        );
        assert_eq!(pair("(31)部门预算项目"), p("31", "部门预算项目"));
        assert_eq!(
            pair("办公经费（含差旅）"),
            None,
            "words in brackets are no code"
        );
        assert_eq!(pair("(433)"), None, "a code alone names nothing");
        assert_eq!(pair("城区道路清扫"), None);
    }
}
