//! Table-driven test of the target grammar (docs/targets.md).
//!
//! `CORPUS` holds every distinct 指标值 printed in the seed and the corpus
//! (`tests/truth/*.json`; the seed extract's values are the same set), each
//! with its expected reading written and reviewed by hand. `GRAMMAR` adds
//! shapes the corpus lacks. Notation of a reading:
//! `[qualifier] op value unit (subject)`, `-` for no unit, parts joined by
//! ` ; `, or `qualitative`, or `unparsed: <words of the reason>`.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use yusuan::target::{parse_target, Kind, Quantity, Target};

const CORPUS: &[(&str, &str)] = &[
    ("0次", "= 0 次"),
    ("100%", "= 100 %"),
    ("10000人次", "= 10000 人次"),
    ("10000字段", "= 10000 字段"),
    ("10000项", "= 10000 项"),
    ("1000人", "= 1000 人"),
    ("1000人次以上", ">= 1000 人次"),
    ("100场", "= 100 场"),
    ("100张", "= 100 张"),
    ("105人", "= 105 人"),
    ("10本", "= 10 本"),
    ("110余篇", "> 110 篇"),
    ("11人次", "= 11 人次"),
    ("12份", "= 12 份"),
    ("12场次以上，1200人次以上", ">= 12 场次 ; >= 1200 人次"),
    ("12条", "= 12 条"),
    ("135本", "= 135 本"),
    ("15000页", "= 15000 页"),
    ("1600平米", "= 1600 平米"),
    ("1份", "= 1 份"),
    ("1篇", "= 1 篇"),
    ("1项", "= 1 项"),
    ("20人", "= 20 人"),
    ("20场次", "= 20 场次"),
    ("220个", "= 220 个"),
    ("2万人次", "= 2 万人次"),
    ("2次以上", ">= 2 次"),
    ("3000万人次以上", ">= 3000 万人次"),
    ("30次", "= 30 次"),
    ("3次以上", ">= 3 次"),
    ("40余件", "> 40 件"),
    ("5个", "= 5 个"),
    ("5次", "= 5 次"),
    ("600人", "= 600 人"),
    ("700万人次", "= 700 万人次"),
    ("70余场", "> 70 场"),
    ("7500件", "= 7500 件"),
    ("90%", "= 90 %"),
    ("90%以上", ">= 90 %"),
    ("95%及以上", ">= 95 %"),
    ("≤1,200元/人次", "<= 1200 元/人次"),
    ("≤3s", "<= 3 s"),
    ("≥110人次", ">= 110 人次"),
    ("≥150人次", ">= 150 人次"),
    ("≥20篇", ">= 20 篇"),
    ("≥25场", ">= 25 场"),
    ("≥3000人次", ">= 3000 人次"),
    ("≥300人", ">= 300 人"),
    ("≥4场", ">= 4 场"),
    ("≥90%", ">= 90 %"),
    ("≥99.9%", ">= 99.9 %"),
    ("一小时内", "<= 1 小时"),
    ("不少于1000次", ">= 1000 次"),
    ("不少于100亿元", ">= 100 亿元"),
    ("不少于130亿元", ">= 130 亿元"),
    ("不少于15篇", ">= 15 篇"),
    ("不少于1篇", ">= 1 篇"),
    ("不少于2次", ">= 2 次"),
    ("不少于4次", ">= 4 次"),
    (
        "专利拍卖会1场；项目路演对接活动4场；在国内举办国际技术交流活动1场，参会人数150人；举办创新创业技能实践活动1场次，总参与人数200人",
        "= 1 场 (专利拍卖会) ; = 4 场 (项目路演对接活动) ; = 1 场 (在国内举办国际技术交流活动) ; = 150 人 (参会人数) ; = 1 场次 (举办创新创业技能实践活动) ; = 200 人 (总参与人数)",
    ),
    (
        "了解掌握广州地区科技工作者、科技社团动态，及时感知处理涉及科协工作的舆情信息，为科协工作开展创设良好的舆论环境",
        "qualitative",
    ),
    ("二级", "= 2 级"),
    (
        "促进创新创业人才的培养，促进粤港澳大湾区协同创新",
        "qualitative",
    ),
    ("保密项目", "unparsed: withheld"),
    ("全年不少于12场（其中线下8场、线上4场）", "[全年] >= 12 场"),
    (
        "全年垃圾清理次数、四害消杀次数、化粪池清理次数300次",
        "[全年] = 300 次 (垃圾清理次数、四害消杀次数、化粪池清理次数)",
    ),
    (
        "切实推动大湾区高水平人才高地和国际科技创新枢纽的建设进程",
        "qualitative",
    ),
    (
        "创作1个整体品牌、8个以上系列科普子品牌的文创形象产品，每个产品做100个以上样品",
        "= 1 个 (创作) ; >= 8 个 ; [每个] >= 100 个 (产品做)",
    ),
    (
        "加强科普传播体系建设，策划形式多样、内容丰富的科普宣传，利用报纸、电视、广播、网络、手机端，与各大主流媒体、网站、广播电台、电视台合作宣传，增强科普活动效果",
        "qualitative",
    ),
    ("印2000本", "= 2000 本 (印)"),
    (
        "发挥粤港澳大湾区科技协同创新平台的优势，聚集创新要素",
        "qualitative",
    ),
    ("发挥青少年科技馆科学普及作用", "qualitative"),
    ("各1份", "[各] = 1 份"),
    ("增强对学会凝聚力和吸引力", "qualitative"),
    ("大于等于90%", ">= 90 %"),
    ("完成建筑正负零施工", "qualitative"),
    (
        "对全市225家基地，组织专家评审开展考核、评估1次",
        "= 225 家 (对全市) ; = 1 次 (组织专家评审开展考核、评估)",
    ),
    ("属于政府采购范围内的应实施规范采购", "qualitative"),
    (
        "市科协公众号总用户数增长20%，阅读量5000+的推文不少于24条，阅读量10000+的推文不少于12条，阅读量20000+的推文不少于4条；视频号推出原创视频不少于15条微视频",
        "[增长] = 20 % (市科协公众号总用户数) ; >= 24 条 (阅读量5000+的推文) ; >= 12 条 (阅读量10000+的推文) ; >= 4 条 (阅读量20000+的推文) ; >= 15 条 (视频号推出原创视频)",
    ),
    (
        "建立健全“日常巡查+定期检测+应急处置”长效机制",
        "qualitative",
    ),
    ("建设符合文明施工要求", "qualitative"),
    (
        "开展有助于科技工作者成长活动20场，参与科技人员500人次",
        "= 20 场 (开展有助于科技工作者成长活动) ; = 500 人次 (参与科技人员)",
    ),
    (
        "征集并在线上平台发布科技成果和需求数量分别约5000项和约500项，开展线上线下项目对接数量约200个",
        "~ 5000 项 (征集并在线上平台发布科技成果和需求数量分别) ; ~ 500 项 ; ~ 200 个 (开展线上线下项目对接数量)",
    ),
    (
        "打造市科协科普品牌为重点，带动全市公民科学素质全面提升，全市公民具备科学素质的比例高于“十三五”17.4%，排名走在全国前列",
        "> 17.4 % (全市公民具备科学素质的比例)",
    ),
    ("打造请托人才沟通平台", "qualitative"),
    (
        "技术经纪人培训2场，每场培训2天，每场参加人员不100人",
        "unparsed: “不” before 100人",
    ),
    (
        "按照资产管理制度执行签收、台账、标签等制度规范",
        "qualitative",
    ),
    ("推动广州经济社会发展", "qualitative"),
    (
        "推动成立符合科协深化改革的新学会，强化学会党建",
        "qualitative",
    ),
    ("提升", "qualitative"),
    ("提升港澳青年对祖国新发展的了解和认同感", "qualitative"),
    ("故障报修响应速度1小时内", "<= 1 小时 (故障报修响应速度)"),
    ("施工期间噪声、扬尘符合规定；无有效投诉", "qualitative"),
    ("档案考核达到优秀或良好", "qualitative"),
    ("每月不少于1次", "[每月] >= 1 次"),
    ("活动1场，总参与人数200人", "= 1 场 (活动) ; = 200 人 (总参与人数)"),
    (
        "清扫次数、水电等设备检查次数、安全巡逻次数300次",
        "= 300 次 (清扫次数、水电等设备检查次数、安全巡逻次数)",
    ),
    ("符合", "qualitative"),
    ("符合垃圾分类、无烟机关、节能机关工作要求", "qualitative"),
    ("符合机关团体内部治安保卫工作要求", "qualitative"),
    ("符合要求", "qualitative"),
    ("约180卷", "~ 180 卷"),
    (
        "线上办理率达90%以上；平均跑动次数≤0.3次",
        ">= 90 % (线上办理率) ; <= 0.3 次 (平均跑动次数)",
    ),
    (
        "经费有助于推动两新组织党建工作，党建引领为基层党员群众解决实际困难",
        "qualitative",
    ),
    ("编印3000本", "= 3000 本 (编印)"),
    (
        "舆情月报12期、年报1期、专报3期",
        "= 12 期 (舆情月报) ; = 1 期 (年报) ; = 3 期 (专报)",
    ),
    ("购置新能源车辆1台", "= 1 台 (购置新能源车辆)"),
    ("超过90%", "> 90 %"),
    ("较上年下降2%", "[较上年下降] = 2 %"),
    (
        "通过ISO 27001信息安全管理体系认证；等保测评不低于三级",
        ">= 3 级 (等保测评)",
    ),
    ("通过两家以上省级媒体广泛开展宣传", ">= 2 家 (通过)"),
    (
        "通过开展广泛评选科普基地等次，有效激励科普基地工作积极性",
        "qualitative",
    ),
    (
        "通过科协智库项目，提升服务市委、市政府科技决策咨询能力，助力实现高水平科技自立自强",
        "qualitative",
    ),
    ("采购设备符合有关环保标准", "qualitative"),
    ("采购验收合格率100%", "= 100 % (采购验收合格率)"),
    (
        "青少年、农民、公务员领导干部读物各1.5万本",
        "[各] = 1.5 万本 (青少年、农民、公务员领导干部读物)",
    ),
    ("高于95%", "> 95 %"),
];

/// Shapes the corpus does not print, one per grammar rule.
const GRAMMAR: &[(&str, &str)] = &[
    ("＞90％", "> 90 %"),
    ("＜5%", "< 5 %"),
    ("＝100%", "= 100 %"),
    (">=98%", ">= 98 %"),
    ("≧95%", ">= 95 %"),
    ("１００％", "= 100 %"),
    ("不低于95%", ">= 95 %"),
    ("至少3次", ">= 3 次"),
    ("5次及以上", ">= 5 次"),
    ("大于1000人", "> 1000 人"),
    ("不超过5个工作日", "<= 5 个工作日"),
    ("不高于3%", "<= 3 %"),
    ("10个工作日以内", "<= 10 个工作日"),
    ("3天内", "<= 3 天"),
    ("5%以下", "<= 5 %"),
    ("低于5%", "< 5 %"),
    ("小于2秒", "< 2 秒"),
    ("100人左右", "~ 100 人"),
    ("约100人左右", "~ 100 人"),
    ("十二场", "= 12 场"),
    ("两千五百人次以上", ">= 2500 人次"),
    ("三千万人次", "= 3000 万人次"),
    ("3万余人次", "> 3 万人次"),
    ("5000多人", "> 5000 人"),
    ("满意度达到90%", ">= 90 % (满意度)"),
    ("控制在预算以内", "qualitative"),
    ("每年不少于2次", "[每年] >= 2 次"),
    ("每场参加人员不少于100人", "[每场] >= 100 人 (参加人员)"),
    ("同比增长10%", "[同比增长] = 10 %"),
    ("提高2个百分点", "[提高] = 2 个百分点"),
    ("2023年完成10个", "= 10 个 (2023年完成)"),
    ("2021-2023年累计50场", "= 50 场 (2021-2023年累计)"),
    ("6月30日前完成", "qualitative"),
    ("第3季度完成", "qualitative"),
    ("“十四五”规划落实", "qualitative"),
    ("5G基站覆盖", "qualitative"),
    ("一次性通过验收", "qualitative"),
    ("惠及千家万户", "qualitative"),
    ("达标", "qualitative"),
    ("传达3次", "= 3 次 (传达)"),
    ("覆盖率达95%", ">= 95 % (覆盖率)"),
    ("有效", "qualitative"),
    ("90-95%", "unparsed: a range"),
    ("12345热线接通率≥90%", "unparsed: no known unit after 12345"),
    ("超过90%以上", "unparsed: comparators disagree"),
    ("", "unparsed: no value printed"),
    ("/", "unparsed: no value printed"),
    ("≥90", ">= 90 -"),
    ("5000+", "unparsed: no known unit after 5000"),
];

fn quantity(q: &Quantity) -> String {
    let mut s = String::new();
    if let Some(qual) = &q.qualifier {
        s.push_str(&format!("[{qual}] "));
    }
    s.push_str(&format!(
        "{} {} {}",
        q.op,
        q.value,
        q.unit.as_deref().unwrap_or("-")
    ));
    if let Some(subj) = &q.subject {
        s.push_str(&format!(" ({subj})"));
    }
    s
}

/// A target in the notation of the tables above.
fn reading(t: &Target) -> String {
    match t.kind {
        Kind::Qualitative => "qualitative".to_string(),
        Kind::Unparsed => format!("unparsed: {}", t.reason.as_deref().unwrap_or("")),
        Kind::NotApplicable => "not applicable".to_string(),
        Kind::TimeLimit => format!("time limit {}", t.date.as_deref().unwrap_or("")),
        Kind::Quantitative if !t.parts.is_empty() => {
            t.parts.iter().map(quantity).collect::<Vec<_>>().join(" ; ")
        }
        Kind::Quantitative => match (t.op, t.value) {
            (Some(op), Some(value)) => quantity(&Quantity {
                op,
                value,
                unit: t.unit.clone(),
                qualifier: t.qualifier.clone(),
                subject: t.subject.clone(),
            }),
            _ => "quantitative without op/value".to_string(),
        },
    }
}

/// `unparsed: x` matches any reason containing x; all else must be equal.
fn matches(got: &str, want: &str) -> bool {
    match (
        got.strip_prefix("unparsed: "),
        want.strip_prefix("unparsed: "),
    ) {
        (Some(g), Some(w)) => g.contains(w),
        _ => got == want,
    }
}

fn check(cases: &[(&str, &str)]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|(printed, want)| {
            let got = reading(&parse_target(printed));
            (!matches(&got, want)).then(|| format!("{printed}\n   want {want}\n    got {got}"))
        })
        .collect()
}

#[test]
fn corpus_values_parse_as_reviewed() {
    assert!(CORPUS.len() >= 80, "only {} corpus values", CORPUS.len());
    let bad = check(CORPUS);
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn grammar_cases_parse_as_documented() {
    let bad = check(GRAMMAR);
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Every (period/annual) value printed in the truth files, in order.
fn truth_values() -> Vec<String> {
    let mut out = Vec::new();
    for name in ["seed.json", "kjfw.json"] {
        let path = common::root().join("tests/truth").join(name);
        let text = std::fs::read_to_string(&path).expect("truth file");
        let v: Value = serde_json::from_str(&text).expect("truth json");
        collect_values(&v, &mut out);
    }
    out
}

fn collect_values(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("period_value" | "annual_value", Value::String(s)) => out.push(s.clone()),
                    _ => collect_values(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_values(x, out)),
        _ => {}
    }
}

#[test]
fn table_covers_every_distinct_corpus_value() {
    let table: BTreeSet<&str> = CORPUS.iter().map(|(p, _)| *p).collect();
    assert_eq!(table.len(), CORPUS.len(), "duplicate rows in CORPUS");
    let values: BTreeSet<String> = truth_values().into_iter().collect();
    let missing: Vec<&String> = values
        .iter()
        .filter(|v| !table.contains(v.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "values without a reviewed row: {missing:?}"
    );
    let extra: Vec<&&str> = table.iter().filter(|p| !values.contains(**p)).collect();
    assert!(extra.is_empty(), "CORPUS rows not in the corpus: {extra:?}");
}

/// The share the issue asks for: values read as quantitative or
/// qualitative, over every printed value of the seed and the corpus.
#[test]
fn share_read_on_seed_and_corpus() {
    let values = truth_values();
    let unparsed: Vec<(String, String)> = values
        .iter()
        .filter_map(|v| {
            let t = parse_target(v);
            (t.kind == Kind::Unparsed)
                .then(|| (v.clone(), t.reason.unwrap_or_default().to_string()))
        })
        .collect();
    let quantitative = values
        .iter()
        .filter(|v| parse_target(v).kind == Kind::Quantitative)
        .count();
    let read = values.len() - unparsed.len();
    let share = read as f64 / values.len() as f64;
    println!(
        "{} values: {quantitative} quantitative, {} qualitative, {} unparsed; read {:.1}%",
        values.len(),
        read - quantitative,
        unparsed.len(),
        share * 100.0
    );
    for (v, r) in &unparsed {
        println!("unparsed: {v} -- {r}");
    }
    assert!(share >= 0.95, "share read {share:.3} < 0.95");
    let distinct: BTreeSet<&str> = unparsed.iter().map(|(v, _)| v.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "保密项目",
        "技术经纪人培训2场，每场培训2天，每场参加人员不100人",
    ]
    .into_iter()
    .collect();
    assert_eq!(distinct, expected);
}

/// docs/targets.md's example table, between the markers, must read as it
/// says.
#[test]
fn docs_examples_match_the_parser() {
    let path = common::root().join("docs/targets.md");
    let doc = std::fs::read_to_string(&path).expect("docs/targets.md");
    let section = doc
        .split("<!-- targets:begin -->")
        .nth(1)
        .and_then(|s| s.split("<!-- targets:end -->").next())
        .expect("targets markers");
    let examples = section
        .split("| printed | reading |")
        .nth(1)
        .expect("examples table");
    let rows: Vec<(String, String)> = examples
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .strip_prefix('|')?
                .strip_suffix('|')?
                .split('|')
                .collect();
            match cells.as_slice() {
                [printed, reading] => {
                    let unquote = |s: &str| s.trim().trim_matches('`').to_string();
                    Some((unquote(printed), unquote(reading)))
                }
                _ => None,
            }
        })
        .filter(|(p, _)| !p.starts_with("---"))
        .collect();
    assert!(rows.len() >= 30, "only {} examples in docs", rows.len());
    let cases: Vec<(&str, &str)> = rows.iter().map(|(p, r)| (p.as_str(), r.as_str())).collect();
    let bad = check(&cases);
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn json_shape_and_csv_fields() {
    let t = parse_target("不少于1000次");
    let json = serde_json::to_string(&t).expect("json");
    assert_eq!(
        json,
        r#"{"op":">=","value":1000,"unit":"次","kind":"quantitative"}"#
    );
    assert_eq!(
        t.csv_fields(),
        [">=", "1000", "次", "quantitative"].map(String::from)
    );
    let t = parse_target("≥99.9%");
    assert_eq!(
        serde_json::to_string(&t).expect("json"),
        r#"{"op":">=","value":99.9,"unit":"%","kind":"quantitative"}"#
    );
    let t = parse_target("每月不少于1次");
    assert_eq!(
        serde_json::to_string(&t).expect("json"),
        r#"{"op":">=","value":1,"unit":"次","kind":"quantitative","qualifier":"每月"}"#
    );
    let t = parse_target("符合");
    assert_eq!(
        serde_json::to_string(&t).expect("json"),
        r#"{"op":null,"value":null,"unit":null,"kind":"qualitative"}"#
    );
    assert_eq!(
        t.csv_fields(),
        ["", "", "", "qualitative"].map(String::from)
    );
    let t = parse_target("活动1场，总参与人数200人");
    let v: Value = serde_json::to_value(&t).expect("json");
    assert_eq!(v["op"], Value::Null);
    assert_eq!(v["parts"][1]["value"], 200);
    assert_eq!(v["parts"][1]["subject"], "总参与人数");
    assert_eq!(t.csv_fields()[3], "quantitative");
    let t = parse_target("保密项目");
    let v: Value = serde_json::to_value(&t).expect("json");
    assert_eq!(v["kind"], "unparsed");
    assert_eq!(v["reason"], "withheld (保密)");
}

/// The seed extract and the kjfw text extract through the real pipeline,
/// then `enrich` on every indicator: the share per document, and no
/// taxonomy warnings (both print the usual names and codes).
#[test]
fn enrich_through_the_pipeline() {
    for (name, min_values, want_unparsed) in [("seed-gzast.txt", 248, 4), ("kjfw-text.txt", 222, 2)]
    {
        let path = common::root().join("samples").join(name);
        let mut doc = yusuan::pipeline::convert_path(&path).expect("converts");
        let (mut values, mut unparsed, mut warnings) = (0, 0, Vec::new());
        for table in &mut doc.tables {
            for project in table.units.iter_mut().flat_map(|u| u.projects.iter_mut()) {
                for ind in &mut project.indicators {
                    let w = yusuan::normalize::targets::enrich(ind);
                    assert!(ind.level1_category.is_some(), "{}: {:?}", ind.name, w);
                    assert!(ind.level2_category.is_some(), "{}: {:?}", ind.name, w);
                    assert_eq!(ind.annual_value.is_some(), ind.annual_target.is_some());
                    assert_eq!(ind.period_value.is_some(), ind.period_target.is_some());
                    for t in [&ind.period_target, &ind.annual_target]
                        .into_iter()
                        .flatten()
                    {
                        values += 1;
                        unparsed += usize::from(t.kind == Kind::Unparsed);
                    }
                    warnings.extend(
                        w.into_iter()
                            .filter(|w| !w.contains("not read as a target")),
                    );
                }
                let pairs = project.indicators.iter().flat_map(|i| i.printed_levels());
                warnings.extend(yusuan::taxonomy::check_codes(pairs));
            }
        }
        println!(
            "{name}: {values} values, {unparsed} unparsed, read {:.1}%",
            100.0 * (values - unparsed) as f64 / values as f64
        );
        assert_eq!(values, min_values, "{name}");
        assert_eq!(unparsed, want_unparsed, "{name}");
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
    }
}

/// `enrich_table`, the one call the pipeline makes: the seed's two
/// unreadable indicators become two `target_unparsed` warnings with a page.
#[test]
fn enrich_table_adds_warnings() {
    let path = common::root().join("samples/seed-gzast.txt");
    let mut doc = yusuan::pipeline::convert_path(&path).expect("converts");
    let table = doc.tables.first_mut().expect("a table");
    let before = table.warnings.len();
    yusuan::normalize::targets::enrich_table(table, "seed-gzast.txt");
    let added = &table.warnings[before..];
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(added
        .iter()
        .all(|w| w.kind == yusuan::warning::WarningKind::TargetUnparsed && w.page.is_some()));
    assert!(added.iter().any(|w| w.message.contains("withheld (保密)")));
    assert!(added.iter().any(|w| w.message.contains("不” before 100人")));
    let secret = table
        .units
        .iter()
        .flat_map(|u| &u.projects)
        .find(|p| p.name == "TZMMZX")
        .expect("the withheld project");
    let ind = secret.indicators.first().expect("its indicator");
    assert_eq!(
        ind.annual_target.as_ref().map(|t| t.kind),
        Some(Kind::Unparsed)
    );
    assert_eq!(
        ind.level2_category,
        Some(yusuan::taxonomy::Level2::Quantity)
    );
}
