//! The standard table kinds K01–K13, one module each, recognised by their
//! printed title (预算 and 决算 wordings), never by position or page.

mod k01_income_expenditure_summary;
mod k02_income_summary;
mod k03_expenditure_summary;
mod k04_fiscal_summary;
mod k05_fiscal_expenditure;
mod k06_fiscal_basic_expenditure;
mod k07_general_expenditure;
mod k08_general_basic_expenditure;
mod k09_three_public;
mod k10_fund_expenditure;
mod k11_state_capital_expenditure;
mod k12_operating_costs;
mod k13_procurement;

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StandardKind {
    IncomeExpenditureSummary,
    IncomeSummary,
    ExpenditureSummary,
    FiscalSummary,
    FiscalExpenditure,
    FiscalBasicExpenditure,
    GeneralExpenditure,
    GeneralBasicExpenditure,
    ThreePublic,
    FundExpenditure,
    StateCapitalExpenditure,
    OperatingCosts,
    Procurement,
}

/// What a kind module declares.
pub struct KindSpec {
    pub kind: StandardKind,
    /// The stable id used in every output.
    pub id: &'static str,
    /// Its usual Chinese name.
    pub name: &'static str,
    /// Whether a folded title (see `fold`) names this kind.
    pub matches: fn(&str) -> bool,
}

/// Match order: a title naming a narrower kind often contains a wider
/// kind's words (政府性基金预算财政拨款收入支出决算表 contains
/// 财政拨款收入支出; 一般公共预算财政拨款基本支出决算表 contains 财政拨款基本支出),
/// so the narrower kinds are tried first.
const ORDER: [&KindSpec; 13] = [
    &k09_three_public::SPEC,
    &k12_operating_costs::SPEC,
    &k13_procurement::SPEC,
    &k10_fund_expenditure::SPEC,
    &k11_state_capital_expenditure::SPEC,
    &k08_general_basic_expenditure::SPEC,
    &k07_general_expenditure::SPEC,
    &k04_fiscal_summary::SPEC,
    &k06_fiscal_basic_expenditure::SPEC,
    &k05_fiscal_expenditure::SPEC,
    &k01_income_expenditure_summary::SPEC,
    &k02_income_summary::SPEC,
    &k03_expenditure_summary::SPEC,
];

impl StandardKind {
    pub fn spec(self) -> &'static KindSpec {
        ORDER
            .iter()
            .find(|s| s.kind == self)
            .copied()
            .unwrap_or(&k01_income_expenditure_summary::SPEC)
    }
    pub fn id(self) -> &'static str {
        self.spec().id
    }
    pub fn name(self) -> &'static str {
        self.spec().name
    }
    /// Tables whose rows are 功能分类 / 经济分类 codes.
    pub fn has_codes(self) -> bool {
        !matches!(
            self,
            StandardKind::IncomeExpenditureSummary
                | StandardKind::FiscalSummary
                | StandardKind::ThreePublic
                | StandardKind::Procurement
        )
    }
    /// Tables that are often empty by law, with a statement saying so.
    pub fn may_be_empty(self) -> bool {
        matches!(
            self,
            StandardKind::FundExpenditure | StandardKind::StateCapitalExpenditure
        )
    }
}

impl Serialize for StandardKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// The kind a title names. Titles of other tables (绩效目标表, 项目表 …)
/// name none; a title must be a table title (end in 表) of a budget or
/// final-accounts disclosure.
pub fn from_title(title: &str) -> Option<StandardKind> {
    let t = super::fold::fold(title);
    let budget = t.contains("预算") || t.contains("决算");
    // A sentence mentioning a table (`详见收支预算总表。`) is no title.
    let sentence = t.contains(['。', '，', '；']) || t.chars().count() > 60;
    if !t.contains('表') || t.contains("绩效") || t.ends_with("说明") || !budget || sentence {
        return None;
    }
    ORDER.iter().find(|s| (s.matches)(&t)).map(|s| s.kind)
}

#[cfg(test)]
mod tests {
    use super::StandardKind::*;
    use super::*;

    #[test]
    fn titles_of_the_real_files_name_their_kind() {
        let cases = [
            ("收支预算总表", IncomeExpenditureSummary),
            (
                "一、2017年度江苏省高级人民法院部门收支预算总表",
                IncomeExpenditureSummary,
            ),
            ("2025年部门财务收支预算总表", IncomeExpenditureSummary),
            ("收入支出决算总表", IncomeExpenditureSummary),
            ("收入预算总表", IncomeSummary),
            ("收入决算表", IncomeSummary),
            ("2025年预算单位支出预算总表", ExpenditureSummary),
            ("支出决算表", ExpenditureSummary),
            ("财政拨款收支预算总表", FiscalSummary),
            ("财政拨款收入支出决算总表", FiscalSummary),
            ("财政拨款支出预算表（功能科目）", FiscalExpenditure),
            ("财政拨款基本支出预算表", FiscalBasicExpenditure),
            ("一般公共预算支出预算表", GeneralExpenditure),
            (
                "2025年部门一般公共预算支出功能分类预算表",
                GeneralExpenditure,
            ),
            ("一般公共预算财政拨款支出决算表", GeneralExpenditure),
            (
                "一般公共预算基本支出预算表（经济科目）",
                GeneralBasicExpenditure,
            ),
            (
                "一般公共预算财政拨款基本支出决算表",
                GeneralBasicExpenditure,
            ),
            (
                "“三公”经费、会议费、培训费支出预算表（一般公共预算）",
                ThreePublic,
            ),
            ("2025年部门“三公”经费和机关运行经费预算表", ThreePublic),
            ("财政拨款“三公”经费支出决算表", ThreePublic),
            ("财政拨款政府性基金支出预算表", FundExpenditure),
            ("政府性基金预算财政拨款收入支出决算表", FundExpenditure),
            (
                "国有资本经营预算财政拨款收入支出决算表",
                StateCapitalExpenditure,
            ),
            ("一般公共预算机关运行经费支出预算表", OperatingCosts),
            ("2017年政府采购预算表", Procurement),
            ("部⻔收⽀预算总表", IncomeExpenditureSummary),
        ];
        for (title, kind) in cases {
            assert_eq!(from_title(title), Some(kind), "{title}");
        }
    }

    #[test]
    fn other_tables_name_no_kind() {
        for t in [
            "项目支出绩效目标表",
            "序号",
            "收支预算总表说明",
            "2025年预算",
            "收支情况详见收支预算总表。",
        ] {
            assert_eq!(from_title(t), None, "{t}");
        }
    }
}
