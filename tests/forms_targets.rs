//! Targets as forms print them: value, 计量单位 and 指标方向 in separate
//! cells, `≦`/`≧`, `不适用`, dates and months as time limits.

use yusuan::target::{parse_split, Kind, Op, Target};

fn read(value: &str, unit: Option<&str>, dir: Option<&str>) -> Target {
    parse_split(value, unit, dir)
}

fn quantity(t: &Target) -> (Option<&str>, String, Option<&str>) {
    (
        t.op.map(Op::as_str),
        t.value.map(|v| v.to_string()).unwrap_or_default(),
        t.unit.as_deref(),
    )
}

#[test]
fn value_unit_and_direction_in_separate_cells() {
    let t = read("99.9", Some("%"), Some("≥"));
    assert_eq!(quantity(&t), (Some(">="), "99.9".into(), Some("%")));
    let t = read("24", Some("人/次"), Some("="));
    assert_eq!(quantity(&t), (Some("="), "24".into(), Some("人/次")));
    // A value printing its own comparator keeps it; 正向 is no comparator.
    let t = read("≤45万元/台", None, Some("≥"));
    assert_eq!(t.op.map(Op::as_str), Some("<="));
    let t = read("3", Some("万元"), Some("正向"));
    assert_eq!(quantity(&t), (Some("="), "3".into(), Some("万元")));
    // An Excel serial leaking into both cells is not doubled.
    assert_eq!(
        read("44,561", Some("44,561"), None)
            .value
            .map(|v| v.to_string())
            .as_deref(),
        Some("44561")
    );
}

#[test]
fn full_width_comparators_of_shenzhen_exports() {
    assert_eq!(
        quantity(&read("≦20人", None, None)),
        (Some("<="), "20".into(), Some("人"))
    );
    assert_eq!(
        quantity(&read("≧90%", None, None)),
        (Some(">="), "90".into(), Some("%"))
    );
}

#[test]
fn not_applicable_and_time_limits() {
    assert_eq!(read("不适用", None, None).kind, Kind::NotApplicable);
    let cases = [
        ("11月底前", Some("<="), "11月底"),
        ("2025年12月31日前完成", Some("<="), "2025年12月31日"),
        ("2023.07-2024.01", None, "2023.07-2024.01"),
        ("2025年1月-2025年12月", None, "2025年1月-2025年12月"),
        ("6月以后", Some(">="), "6月"),
    ];
    for (printed, op, date) in cases {
        let t = read(printed, None, None);
        assert_eq!(t.kind, Kind::TimeLimit, "{printed}");
        assert_eq!(
            (t.op.map(Op::as_str), t.date.as_deref()),
            (op, Some(date)),
            "{printed}"
        );
        assert_eq!(t.value, None, "{printed}: a date is no number");
    }
    assert_eq!(read("按时完成", None, None).kind, Kind::Qualitative);
    assert_eq!(
        read("6月完成率90%", None, None).kind,
        Kind::Quantitative,
        "a date inside a sentence is not the target"
    );
}
