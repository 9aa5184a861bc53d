//! Amount columns: printed header labels mapped to stable measure names
//! (`basic`, `three_public`, `vehicle_purchase` …). The printed label is
//! always kept beside the name; an unknown label is its own name.

use super::fold::fold;
use super::kinds::StandardKind;

/// (words in a folded header component, measure name), first match wins:
/// longer phrases before the words they contain.
const NAMES: [(&str, &str); 35] = [
    ("因公出国", "overseas"),
    ("公务接待", "reception"),
    ("公务用车购置及运行", "vehicle"),
    ("购置费", "vehicle_purchase"),
    ("运行维护费", "vehicle_operation"),
    ("运行费", "vehicle_operation"),
    ("三公", "three_public"),
    ("会议费", "meeting"),
    ("培训费", "training"),
    ("机关运行经费", "operating_costs"),
    ("人员经费", "personnel"),
    ("公用经费", "public_use"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("单位预留机动经费", "reserve"),
    ("结转下年", "carry_forward"),
    ("年初结转和结余", "opening_balance"),
    ("年末结转和结余", "closing_balance"),
    ("上年结转", "carried_over"),
    ("本年收入合计", "total"),
    ("本年支出合计", "total"),
    ("一般公共预算", "general"),
    ("政府性基金", "fund"),
    ("国有资本经营", "state_capital"),
    ("财政专户", "fiscal_special"),
    ("上级补助收入", "higher_grant"),
    ("附属单位上缴收入", "subsidiary_remit"),
    ("事业单位经营收入", "operating_income"),
    ("经营收入", "operating_income"),
    ("事业收入", "business_income"),
    ("其他收入", "other_income"),
    ("上缴上级支出", "remit_higher"),
    ("对附属单位补助支出", "subsidiary_grant"),
    ("经营支出", "operating_expenditure"),
    ("财政拨款", "fiscal"),
];

/// Components that say "the value" or "the sum" rather than what it is.
fn generic(c: &str) -> Option<&'static str> {
    match c {
        "金额" | "预算数" | "决算数" | "预算" | "决算" | "数" | "预算金额" => {
            Some("amount")
        }
        "合计" | "总计" => Some("total"),
        "小计" => Some("subtotal"),
        _ => None,
    }
}

fn named(c: &str) -> Option<&'static str> {
    if c == "本年收入" {
        return Some("income");
    }
    if c == "本年支出" {
        return Some("expenditure");
    }
    NAMES.iter().find(|(w, _)| c.contains(w)).map(|(_, n)| *n)
}

/// The measure name for a column's header components below the side's
/// own prefix. `小计` names the group it closes (`公务用车…/小计` →
/// `vehicle`); `合计` is `total` except under “三公” (its 合计 is the three
/// costs). `预算数`/`决算数` under a name become `_budget`/`_actual` when
/// `both_stages` (决算 “三公” tables print both).
pub fn name(components: &[String], both_stages: bool) -> String {
    let comps: Vec<String> = components.iter().map(|c| fold(c)).collect();
    let mut found: Option<String> = None;
    let mut suffix = "";
    for (i, c) in comps.iter().enumerate().rev() {
        match generic(c) {
            Some("amount") => {
                if both_stages {
                    suffix = if c.contains('决') {
                        "_actual"
                    } else {
                        "_budget"
                    };
                }
                continue;
            }
            Some(g) => {
                let parent = i
                    .checked_sub(1)
                    .and_then(|p| comps.get(p))
                    .and_then(|p| named(p));
                found = Some(match (g, parent) {
                    ("subtotal", Some(p)) => p.to_string(),
                    ("total", Some("three_public")) => "three_public".to_string(),
                    _ => "total".to_string(),
                });
                break;
            }
            None => {}
        }
        if let Some(n) = named(c) {
            found = Some(n.to_string());
            break;
        }
        found = Some(c.clone());
        break;
    }
    format!("{}{suffix}", found.unwrap_or_else(|| "amount".to_string()))
}

/// A name read in the context of the table's kind and header: the 合计 of
/// a “三公” table without 会议费 / 培训费 columns is the three costs
/// (`合计/预算数` in 决算 files → `three_public_budget`); with them (Jiangsu)
/// it stays `total`.
pub fn in_kind(kind: StandardKind, name: &str, header: &[String]) -> String {
    let meetings = header
        .iter()
        .any(|h| h.contains("会议费") || h.contains("培训费"));
    match name.strip_prefix("total") {
        Some(rest) if kind == StandardKind::ThreePublic && !meetings => {
            format!("three_public{rest}")
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(label: &str) -> String {
        let comps: Vec<String> = label.split('/').map(str::to_string).collect();
        name(&comps, false)
    }

    #[test]
    fn names_printed_labels() {
        assert_eq!(n("金额"), "amount");
        assert_eq!(n("收入预算/合计"), "total");
        assert_eq!(n("收入预算/财政拨款收入"), "fiscal");
        assert_eq!(n("一般公共预算支出/合计"), "total");
        assert_eq!(n("本年支出/小计"), "expenditure");
        assert_eq!(n("“三公”经费预算数/合计"), "three_public");
        assert_eq!(n("“三公”经费/小计"), "three_public");
        assert_eq!(n("合计"), "total");
        assert_eq!(n("“三公”经费/公务用车购置及运行维护费/小计"), "vehicle");
        assert_eq!(
            n("“三公”经费/公务用车购置及运行维护费/公务用车购置费"),
            "vehicle_purchase"
        );
        assert_eq!(n("因公出国（境）费"), "overseas");
        assert_eq!(n("预算数/基本支出/人员经费"), "personnel");
        assert_eq!(n("本年收入合计"), "total");
        assert_eq!(n("事业单位经营收入"), "operating_income");
        assert_eq!(n("行次"), "行次");
        let both = vec![
            "财政拨款“三公”经费".to_string(),
            "因公出国（境）费".to_string(),
            "决算数".to_string(),
        ];
        assert_eq!(name(&both, true), "overseas_actual");
        let sh = vec![
            "合计/预算数".to_string(),
            "因公出国（境）费/预算数".to_string(),
        ];
        assert_eq!(
            in_kind(StandardKind::ThreePublic, "total_budget", &sh),
            "three_public_budget"
        );
        let js = vec!["合计".to_string(), "会议费".to_string()];
        assert_eq!(in_kind(StandardKind::ThreePublic, "total", &js), "total");
        assert_eq!(
            in_kind(StandardKind::GeneralExpenditure, "total", &sh),
            "total"
        );
    }
}
